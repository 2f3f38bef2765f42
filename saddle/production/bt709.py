"""manim's command line, with its videos in BT.709 and saying so (`python -m saddle.production.bt709 render ...`).

manim 0.21 hands PyAV RGBA frames and lets the encoder turn them into Y'CbCr with FFmpeg's default, the BT.601
matrix, and tags nothing; players then guess (BT.709 for HD, BT.601 for SD) and colours shift between them.
Here each frame is converted with the BT.709 matrix into limited ("tv") range, and the stream is tagged BT.709
primaries, transfer and matrix (sRGB colours, as manim draws them, have BT.709 primaries). The tags travel with
the stream when manim joins partial movies and when saddle remuxes or stitches clips (streams are copied).

Encoding was a third of a 1080p render's time (py-spy on HessianSignTest: wrapping each RGBA frame, converting it,
x264), so a frame held for many frames (a pause while a line is said) is converted once, the RGBA picture is
wrapped without a copy, and x264 runs with a faster preset tuned for drawn pictures at the same constant quality,
in one thread (manim already encodes in a thread of its own beside the drawing, and scenes render side by side).
Freed frame buffers are kept for the next frame instead of going back to the kernel (`keep_freed_memory`)."""

from __future__ import annotations

import ctypes
import ctypes.util

import av
from av.video.reformatter import ColorRange, Colorspace
from manim.__main__ import main
from manim.scene import scene_file_writer

from saddle.production.media import BT709

Y_CB_CR = ("yuv420p", "yuva420p")
#: x264's speed/size trade at manim's constant quality (crf 23): `veryfast` spends less time searching for the
#: smallest coding of each frame; `animation` suits flat colours and sharp edges (more reference frames, stronger
#: deblocking). Quality per frame is set by crf, not by the preset.
#: One thread: x264's frame threads cost CPU of their own (HessianSignTest at 1080p30: 86.2 -> 80.4 CPU-s, file
#: 1.35 -> 1.31 MB, the same wall time alone, measured 2026-12-04), and the lecture renders scenes side by side.
X264_OPTIONS = {"preset": "veryfast", "tune": "animation", "threads": "1"}
#: glibc's mallopt parameters and values: an allocation under 32 MB (the most glibc allows; a 1080p RGBA frame is
#: 8 MB) comes from the heap, and the heap's free top goes back to the kernel only past 1 GB.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_FROM_THE_HEAP_BELOW, _GIVEN_BACK_ABOVE = 1 << 25, 1 << 30
_Job = scene_file_writer._PartialMovieEncodeJob
_open_job = _Job.__init__


def _tagged_job(self, path, animation_index, container, stream, frame_queue_size) -> None:
    if stream.codec_context.pix_fmt in Y_CB_CR:
        for field, value in BT709.items():
            setattr(stream.codec_context, field, value)
    if stream.codec_context.name == "libx264":
        stream.codec_context.options = {**stream.codec_context.options, **X264_OPTIONS}
    _open_job(self, path, animation_index, container, stream, frame_queue_size)


def _encode_bt709(self, frame, num_frames: int) -> None:
    """As manim encodes a frame, but converted to Y'CbCr here with the BT.709 matrix, once for all its copies (the
    encoder keeps each frame it is given for a while, so every copy is a frame of its own)."""
    pix_fmt = self.stream.codec_context.pix_fmt
    if pix_fmt != "yuv420p":  # with alpha (WebM) or another format: as manim does it, frame by frame
        for _ in range(num_frames):
            av_frame = av.VideoFrame.from_ndarray(frame, format="rgba")
            if pix_fmt in Y_CB_CR:
                av_frame = av_frame.reformat(format=pix_fmt, dst_colorspace=Colorspace.ITU709,
                                             dst_color_range=ColorRange.MPEG)
            _mux(self, av_frame)
        return
    picture = av.VideoFrame.from_numpy_buffer(frame, format="rgba")  # manim hands over a copy of its canvas
    converted = picture.reformat(format=pix_fmt, dst_colorspace=Colorspace.ITU709, dst_color_range=ColorRange.MPEG)
    _mux(self, converted)
    if num_frames > 1:
        planes = converted.to_ndarray()
        for _ in range(num_frames - 1):
            _mux(self, av.VideoFrame.from_ndarray(planes, format=pix_fmt))


def _mux(self, av_frame) -> None:
    for packet in self.stream.encode(av_frame):
        self.container.mux(packet)


def keep_freed_memory() -> None:
    """Each 1080p frame passes through several 8 MB buffers; glibc maps such a buffer afresh and unmaps it when it
    is freed, so every frame faulted its pages in again (HessianSignTest at 1080p30: 15-19 s of its ~80 CPU-s in
    the kernel). Kept in the heap instead, they are reused: 7-9 s in the kernel, at most 859 MB resident instead of
    737 MB. Not glibc (macOS, musl): nothing to do."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    if hasattr(libc, "mallopt"):
        libc.mallopt(_M_MMAP_THRESHOLD, _FROM_THE_HEAP_BELOW)
        libc.mallopt(_M_TRIM_THRESHOLD, _GIVEN_BACK_ABOVE)


def install() -> None:
    """Make manim's partial-movie encoder convert and tag as above (in this process only)."""
    setattr(_Job, "__init__", _tagged_job)  # noqa: B010 (mypy forbids assigning to a method)
    setattr(_Job, "_encode_and_write_frame", _encode_bt709)  # noqa: B010


if __name__ == "__main__":
    keep_freed_memory()
    install()
    main()
