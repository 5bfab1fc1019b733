import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from citypeers.knowledge.validators import MAX_ATTACHMENT_BYTES, attachment_content_type

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", b"%PDF-1.4", "application/pdf"),
        ("a.PNG", b"\x89PNG\r\n\x1a\nrest", "image/png"),
        ("a.csv", b"name,value\nx,1\n", "text/csv"),
        (
            "a.docx",
            b"PK\x03\x04rest",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_attachment_content_type_accepts_known_types(name, content, expected):
    assert attachment_content_type(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.exe", b"MZ", "file_type"),
        ("a.html", b"<html>", "file_type"),
        ("a.pdf", b"<html>", "file_content"),
        ("a.txt", b"bin\x00ary", "file_content"),
        ("a.pdf", b"", "file_empty"),
    ],
)
def test_attachment_content_type_rejects(name, content, code):
    with pytest.raises(ValidationError) as error:
        attachment_content_type(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_attachment_content_type_rejects_large_files():
    upload = SimpleUploadedFile("a.pdf", b"%PDF-")
    upload.size = MAX_ATTACHMENT_BYTES + 1
    with pytest.raises(ValidationError) as error:
        attachment_content_type(upload)
    assert error.value.code == "file_size"
