"""The multipart/form-data encoder used for uploads, and what a multipart request reports as its body."""

from __future__ import annotations

from ai_sdk_core.provider_utils.http import HttpRequest
from ai_sdk_core.provider_utils.http_media import request_info
from ai_sdk_core.provider_utils.http_model import PreparedCall
from ai_sdk_core.provider_utils.multipart import MultipartBody, MultipartFile


def test_encoding_is_exact_for_a_fixed_boundary() -> None:
    body = MultipartBody(
        fields={"model": "whisper-1", "include[]": ["a", "b"]},
        files=(MultipartFile(name="file", filename='my "clip".mp3', content=b"\x00\x01", media_type="audio/mpeg"),),
        boundary="XyZ",
    )
    content, content_type = body.encode()
    assert content_type == "multipart/form-data; boundary=XyZ"
    assert content == (
        b'--XyZ\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="include[]"\r\n\r\na\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="include[]"\r\n\r\nb\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="my %22clip%22.mp3"\r\n'
        b"Content-Type: audio/mpeg\r\n\r\n\x00\x01\r\n"
        b"--XyZ--\r\n"
    )


def test_random_boundaries_differ_and_the_reported_body_has_no_file_bytes() -> None:
    upload = MultipartFile(name="file", filename="a.wav", content=b"RIFF" * 100, media_type="audio/wav")
    first, second = MultipartBody(files=(upload,)), MultipartBody(files=(upload,))
    assert first.boundary != second.boundary
    call = PreparedCall(
        request=HttpRequest(url="https://x.test", body=MultipartBody(fields={"m": "1"}, files=(upload,)))
    )
    assert request_info(call).body == {"m": "1", "file": {"filename": "a.wav", "media_type": "audio/wav", "size": 400}}
    assert "RIFF" not in repr(upload)
