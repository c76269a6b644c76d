"""What a notice's digest is a digest of, and the 核验码 that names the notice.

The laptop computes the digest of the issued PDF and the server checks PDFs against
it, so both read a PDF the same way: this module, shared like the image checks.

Canonical content (version 1), as docs/documents.md explains:
1. every page's text as pypdf extracts it (`extract_text()`: the text-showing operators
   in content-stream order, through each font's ToUnicode map);
2. with every whitespace character removed (extractors and re-savers differ in the
   spaces and line ends they put between runs; Chinese text has no spaces that matter);
3. with the page numbers ("— 3 —") removed and the pages joined, so a reflow onto other
   pages by another font's metrics does not change it.
Re-saving the PDF or building the same notice again gives the same text; changing any
character printed on any page changes it. Images are not part of it: each caption
prints its photo's sha256, which the evidence store verifies.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import uuid
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

CANONICAL_VERSION = "inspector-notice-content/1"
CODE_LABEL = "核验码"
QR_PREFIX = "inspector-notice:"
MAX_PDF_BYTES = 32 * 1024 * 1024  # a notice with 200 photos is about 3 MB
MAX_PAGES = 500
DIGEST_TEXT = r"^[0-9a-f]{64}$"
CODE_TEXT = r"^[0-9A-Fa-f]{4}( ?[0-9A-Fa-f]{4}){3}$"

_PAGE_NUMBER = re.compile(r"—\d{1,4}—")
_CODE_IN_TEXT = re.compile(CODE_LABEL + r"[：:]?([0-9A-F]{16})(?![0-9A-F])")
# pypdf logs every oddity of a foreign PDF as a warning; a verdict says what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class UnreadablePdf(ValueError):
    """Not a PDF pypdf can read, or one over the size or page limits."""


@dataclass(frozen=True)
class CanonicalNotice:
    text: str  # the canonical content
    codes: frozenset[str]  # the 核验码 printed in it (normally one), compact form

    @property
    def digest(self) -> str:
        return canonical_digest(self.text)


def verification_code(notice_id: str) -> str:
    """The printed 核验码: the notice id's first 64 bits in four groups, "0C6F 1F9E 2F7E 4B4C".

    It names the notice (the digest cannot be printed in what it is a digest of); a
    verifier finds the record by it and compares the recorded digest.
    """
    compact = uuid.UUID(notice_id).hex[:16].upper()
    return " ".join(compact[i : i + 4] for i in range(0, 16, 4))


def compact_code(code: str) -> str:
    """ "0c6f 1f9e 2f7e 4b4c" -> "0C6F1F9E2F7E4B4C"."""
    return "".join(code.split()).upper()


def id_prefix(code: str) -> str:
    """The start of the notice ids a 核验码 stands for: "0c6f1f9e-2f7e-4b4c"."""
    compact = compact_code(code).lower()
    return f"{compact[:8]}-{compact[8:12]}-{compact[12:16]}"


def qr_payload(notice_id: str) -> str:
    return f"{QR_PREFIX}{notice_id}"


def canonical_digest(text: str) -> str:
    return hashlib.sha256(f"{CANONICAL_VERSION}\n{text}".encode()).hexdigest()


def canonical_notice(pdf: bytes) -> CanonicalNotice:
    """The canonical content of a notice PDF and the 核验码 in it; UnreadablePdf if none."""
    if len(pdf) > MAX_PDF_BYTES:
        raise UnreadablePdf(f"over {MAX_PDF_BYTES // (1024 * 1024)} MB")
    if pdf.lstrip()[:5] != b"%PDF-":
        raise UnreadablePdf("not a PDF")
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            raise UnreadablePdf("encrypted")
        if len(reader.pages) > MAX_PAGES:
            raise UnreadablePdf(f"over {MAX_PAGES} pages")
        pages = [page.extract_text() for page in reader.pages]
    except UnreadablePdf:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        # A damaged or hostile file: pypdf raises many kinds; none is ours to pass on.
        raise UnreadablePdf(type(exc).__name__) from None
    except RecursionError:
        raise UnreadablePdf("nested too deeply") from None
    text = "".join(_PAGE_NUMBER.sub("", "".join(page.split())) for page in pages)
    return CanonicalNotice(text, frozenset(_CODE_IN_TEXT.findall(text)))
