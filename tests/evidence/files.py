"""Small real files of every accepted type, made in the test (no fixtures on disk)."""
import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf() -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    )
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    # SOI, a JFIF APP0 segment, EOI: enough for any sniffer, and a real JPEG container.
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


_OOXML = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
}


def ooxml(kind: str, *, main_type: str | None = None) -> bytes:
    part, content_type = _OOXML[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{main_type or content_type}"/></Types>',
        )
        archive.writestr(part, "<root/>")
    return buffer.getvalue()


def odf(kind: str) -> bytes:
    mimetype = {"odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def accepted() -> dict[str, tuple[bytes, str]]:
    """name -> (content, expected content type) for every accepted type."""
    return {
        "plan.pdf": (pdf(), "application/pdf"),
        "minutes.docx": (ooxml("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "budget.xlsx": (ooxml("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "slides.pptx": (ooxml("pptx"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        "report.odt": (odf("odt"), "application/vnd.oasis.opendocument.text"),
        "figures.ods": (odf("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
        "figures.csv": ("council,population\nBolton,296000\nSalford,270000\n".encode(), "text/csv"),
        "notes.txt": ("Board agreed the plan on 3 March – £2.5m.\n".encode(), "text/plain"),
        "map.png": (png(), "image/png"),
        "photo.jpg": (jpeg(), "image/jpeg"),
    }


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
