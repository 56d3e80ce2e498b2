"""User-facing errors of the assistant layer: one line, naming what went wrong."""
from __future__ import annotations


class PlanQAError(Exception):
    """An error meant for the user: ``str(err)`` is one clear line.

    The CLI prints it on stderr and exits non-zero; the UI shows it as a message.
    Lower-layer errors (CorpusError, IndexFolderError, OSError) are wrapped with
    :func:`wrap` so that callers only need to catch this one type.
    """


def one_line(message: str, limit: int = 400) -> str:
    """Collapse a message to a single line of at most ``limit`` characters."""
    text = " ".join(str(message).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text or "未知错误"


def wrap(err: BaseException, context: str = "") -> PlanQAError:
    """Turn any lower-layer exception into a one-line PlanQAError (keeps the cause)."""
    if isinstance(err, PlanQAError):
        return err
    detail = str(err) or type(err).__name__
    if isinstance(err, FileNotFoundError) and getattr(err, "filename", None):
        detail = f"{err.filename}: 文件不存在 (file not found)"
    elif isinstance(err, PermissionError) and getattr(err, "filename", None):
        detail = f"{err.filename}: 无权限读取 (permission denied)"
    # lower layers already name their file first ("plan.txt: file is empty"): do not say it twice
    message = f"{context}: {detail}" if context and not detail.startswith(context) else detail
    wrapped = PlanQAError(one_line(message))
    wrapped.__cause__ = err
    return wrapped
