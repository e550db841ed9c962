"""What a document is, judged from its content: never from its name or the browser's claim.

``document_check`` accepts PDF, Word, Excel, PowerPoint, OpenDocument text and spreadsheet,
CSV, plain text, PNG and JPEG. Binary formats are recognised by their signatures
(``filetype``, pure Python); Office Open XML and OpenDocument files are ZIP containers, so
the container is opened and its declared main part checked ([Content_Types].xml, or the
``mimetype`` entry), which also refuses macro-enabled variants. Text must decode and must
not be markup a browser would run. The name's extension must agree with the content.
"""
import hashlib
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from .models import FILENAME_MAX_LENGTH


@dataclass(frozen=True)
class DocumentType:
    label: str  # what people call it, shown in lists ("PDF", "Word")
    content_type: str
    extensions: tuple[str, ...]  # the first is the one a download is named with


PDF = DocumentType("PDF", "application/pdf", ("pdf",))
DOCX = DocumentType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
XLSX = DocumentType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
PPTX = DocumentType("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",))
ODT = DocumentType("OpenDocument text", "application/vnd.oasis.opendocument.text", ("odt",))
ODS = DocumentType("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", ("ods",))
CSV = DocumentType("CSV", "text/csv", ("csv",))
TXT = DocumentType("Text", "text/plain", ("txt",))
PNG = DocumentType("PNG image", "image/png", ("png",))
JPEG = DocumentType("JPEG image", "image/jpeg", ("jpg", "jpeg"))
ACCEPTED = (PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV, TXT, PNG, JPEG)
BY_CONTENT_TYPE = {kind.content_type: kind for kind in ACCEPTED}
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for kind in ACCEPTED for ext in kind.extensions)

WRONG_TYPE = (
    "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument text or spreadsheet, "
    "CSV, text, PNG or JPEG file"
)
# The main part each Office Open XML type declares in [Content_Types].xml.
_OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_ODF_MIMETYPES = {ODT.content_type: ODT, ODS.content_type: ODS}
_CONTENT_TYPES_MAX = 1024 * 1024  # [Content_Types].xml is a few KB; never read a bomb whole
_TEXT_SAMPLE = 64 * 1024
# Markup a browser would render or run if it ever ignored the download headers.
_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta)\b", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


@dataclass(frozen=True)
class CheckedDocument:
    kind: DocumentType
    filename: str  # sanitised, with the extension of its real type
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return settings.EVIDENCE_MAX_UPLOAD_BYTES


def document_check(upload: UploadedFile) -> CheckedDocument:
    """The document's real type, safe name, size and digest; ValidationError with a GOV.UK message if refused."""
    name = upload.name or ""
    if _UNSAFE_NAME.search(name):
        raise ValidationError("The selected file’s name must not contain slashes or control characters: rename it and try again")
    if upload.size == 0:
        raise ValidationError("The selected file is empty")
    if upload.size > max_upload_bytes():
        raise ValidationError(f"The selected file must be smaller than {filesizeformat(max_upload_bytes())}")
    kind = _sniff(upload)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None or (kind in (CSV, TXT) and extension not in ("csv", "txt")):
        raise ValidationError(WRONG_TYPE)
    if kind in (CSV, TXT):
        kind = CSV if extension == "csv" else TXT
    elif extension not in kind.extensions:
        raise ValidationError(
            f"The selected file is a {kind.label} file but its name ends in “.{extension}”: "
            f"rename it to end in .{kind.extensions[0]} and try again"
        )
    return CheckedDocument(kind=kind, filename=safe_filename(name, kind), size=upload.size, sha256=_digest(upload))


def safe_filename(name: str, kind: DocumentType) -> str:
    """The name a download is offered under: letters, digits, spaces and -_.() only, the real extension."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9 ._()-]+", "-", stem).strip(" .-") or "document"
    stem = re.sub(r"-{2,}", "-", stem)
    extension = kind.extensions[0]
    return f"{stem[: FILENAME_MAX_LENGTH - len(extension) - 1]}.{extension}"


def _digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _sniff(upload: UploadedFile) -> DocumentType | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guessed = filetype.guess_mime(head)
    if guessed in (PDF.content_type, PNG.content_type, JPEG.content_type):
        return BY_CONTENT_TYPE[guessed]
    if head.startswith(b"PK\x03\x04"):
        return _zip_document(upload)
    if guessed is None and _is_plain_text(upload):
        return TXT
    return None


def _zip_document(upload: UploadedFile) -> DocumentType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                return _ODF_MIMETYPES.get(archive.read(info).decode("ascii", "replace").strip())
            if "[Content_Types].xml" not in names:
                return None
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX:
                return None
            declared = archive.read(info).decode("utf-8", "replace")
    # Whatever a damaged, encrypted or hostile archive raises while its two small entries are read.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, EOFError,
            RuntimeError, zlib.error):
        return None
    finally:
        upload.seek(0)
    found = {kind for part, kind in _OOXML_MAIN_PARTS.items() if f'ContentType="{part}"' in declared}
    return found.pop() if len(found) == 1 else None


def _is_plain_text(upload: UploadedFile) -> bool:
    upload.seek(0)
    sample = upload.read(_TEXT_SAMPLE)
    upload.seek(0)
    if _MARKUP.search(sample):
        return False
    # A multibyte character may be cut at the end of the sample: ignore only that.
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 3:
            try:
                text = sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
        else:
            text = sample[: error.start].decode("utf-8")
    return not _CONTROL.search(text.lstrip("\ufeff"))
