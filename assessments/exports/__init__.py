"""Exports of a round: CSV streamed row by row, XLSX built in a write-only workbook on disk."""
