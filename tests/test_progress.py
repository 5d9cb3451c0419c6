"""The progress line: drawn in place on a terminal, nothing at all otherwise."""
import io

from generator.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_line_is_redrawn_and_erased_at_the_end():
    stream = Terminal()
    progress = Progress("annotating articles", 3, stream)
    for _ in range(3):
        progress.advance()
    progress.close()
    text = stream.getvalue()
    assert text.startswith("\rannotating articles  1/3  33%") and "\rannotating articles  3/3  100%" in text
    assert text.endswith("\r\033[K")


def test_piped_output_gets_nothing():
    stream = io.StringIO()
    progress = Progress("annotating articles", 3, stream)
    progress.advance(3)
    progress.close()
    assert stream.getvalue() == ""
