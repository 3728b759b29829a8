"""Stop sequences across streamed deltas: pure."""

from __future__ import annotations

from ai_sdk_core.providers.llama_cpp.stop import StopSequenceScanner


def _run(stops: list[str], deltas: list[str]) -> tuple[str, bool]:
    scanner = StopSequenceScanner(stops)
    released = []
    stopped = False
    for delta in deltas:
        text, stopped = scanner.feed(delta)
        released.append(text)
        if stopped:
            break
    if not stopped:
        released.append(scanner.flush())
    return "".join(released), stopped


def test_without_stop_sequences_text_passes_through_at_once() -> None:
    scanner = StopSequenceScanner([])
    assert scanner.feed("abc") == ("abc", False)


def test_a_stop_split_across_deltas_is_caught_and_never_shown() -> None:
    assert _run(["END"], ["one E", "N", "D two"]) == ("one ", True)


def test_a_partial_match_that_does_not_complete_is_released() -> None:
    scanner = StopSequenceScanner(["END"])
    assert scanner.feed("one E") == ("one ", False)
    assert scanner.feed("ast") == ("East", False)
    assert _run(["END"], ["trailing E"]) == ("trailing E", False)


def test_the_earliest_of_several_stops_wins() -> None:
    assert _run(["world", "lo"], ["hello world"]) == ("hel", True)


def test_after_a_stop_everything_is_dropped() -> None:
    scanner = StopSequenceScanner(["."])
    assert scanner.feed("Hi. More") == ("Hi", True)
    assert scanner.feed("text") == ("", True)
    assert scanner.flush() == ""
