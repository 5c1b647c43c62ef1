"""Opening GPX and TCX files safely.

defusedxml parses with DTDs forbidden: watch exports never have one, and refusing them
stops entity-expansion bombs and external entities before any expansion happens.
"""

from __future__ import annotations

import io
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

_BYTE_ORDER_MARK = b"\xef\xbb\xbf"


def looks_like_xml(content: bytes) -> bool:
    """Whether the bytes start like an XML document (an optional UTF-8 mark, then `<`)."""
    return content.removeprefix(_BYTE_ORDER_MARK).lstrip().startswith(b"<")


def parse_xml(content: bytes) -> Element | None:
    """The document's root element, or None if it is not well-formed XML without a DTD."""
    try:
        return safe_xml.fromstring(content, forbid_dtd=True)
    # Encodings: LookupError for an unknown one, ValueError for one expat can't read (UTF-7).
    except (ParseError, DefusedXmlException, LookupError, ValueError):
        return None


def root_name(content: bytes) -> str | None:
    """The local name of the document's first element, read without parsing the rest;
    None if the start is not well-formed XML without a DTD."""
    try:
        for _, element in safe_xml.iterparse(io.BytesIO(content), ("start",), forbid_dtd=True):
            return local_name(element.tag)
    except (ParseError, DefusedXmlException, LookupError, ValueError):
        return None
    return None


def local_name(tag: str) -> str:
    """The tag without its `{namespace}`: exporters disagree on namespaces, not on names."""
    return tag.rpartition("}")[2]
