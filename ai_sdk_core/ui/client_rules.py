"""Where the ``useChat`` clients of the npm ``ai`` majors assemble the same chunks into different messages.

:class:`~ai_sdk_core.ui.assemble.UIMessageAssembler` follows 7.x; for ``protocol_version=6`` or ``5`` it reads
the chunks (as :func:`~ai_sdk_core.ui.versions.adapt_chunk` makes them for that major) with the few rules below,
taken from each major's ``processUIMessageStream``. Only rules that change the assembled message are listed:
chunk fields a major does not know never reach it (the adapter removes them), and a chunk type a major does not
know is treated as unknown by the assembler (:data:`CHUNK_TYPES_BY_VERSION`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from ai_sdk_core.ui.chunks import LATEST_PROTOCOL_VERSION, check_protocol_version

__all__ = ["CLIENT_RULES", "ClientRules", "client_rules"]


@dataclass(frozen=True, slots=True)
class ClientRules:
    """How one major's client assembles chunks, where the majors differ (7.x values by default).

    ``input_error_keeps_raw_input``: a ``tool-input-error`` that updates or adds a static tool part stores the
    chunk's ``input`` as the part's ``rawInput`` and leaves ``input`` unset (6.x, 5.x; 7.x stores ``input``).
    ``step_end_closes_open_parts``: ``finish-step`` forgets the open text and reasoning parts, so a later delta
    for one of them fails (6.x, 5.x). ``tool_kind_from_chunk``: the chunk's ``dynamic`` flag picks a static or
    a dynamic tool part, and an output looks only among parts of that kind (5.x; later majors follow the part
    they find). ``renames_tool_parts``: an update of a static tool part gives it the chunk's tool name (not
    5.x). ``result_provider_metadata``: provider metadata of an output goes to ``resultProviderMetadata``; 5.x
    has only ``callProviderMetadata``, set when a part is added or reaches ``input-available``.
    ``file_provider_metadata``: a ``file`` part keeps its provider metadata (not 5.x).
    ``dynamic_output_sets_provider_executed``: a ``tool-output-available`` of a dynamic call takes the chunk's
    ``providerExecuted`` (5.x keeps the part's: it passes no such option for a dynamic output).
    """

    input_error_keeps_raw_input: bool = False
    step_end_closes_open_parts: bool = False
    tool_kind_from_chunk: bool = False
    renames_tool_parts: bool = True
    result_provider_metadata: bool = True
    file_provider_metadata: bool = True
    dynamic_output_sets_provider_executed: bool = True


_RULES_6: Final = ClientRules(input_error_keeps_raw_input=True, step_end_closes_open_parts=True)

CLIENT_RULES: Final[Mapping[int, ClientRules]] = {
    7: ClientRules(),
    6: _RULES_6,
    5: ClientRules(
        input_error_keeps_raw_input=True,
        step_end_closes_open_parts=True,
        tool_kind_from_chunk=True,
        renames_tool_parts=False,
        result_provider_metadata=False,
        file_provider_metadata=False,
        dynamic_output_sets_provider_executed=False,
    ),
}
"""The rules of each supported major (the keys are ``SUPPORTED_PROTOCOL_VERSIONS``)."""


def client_rules(protocol_version: int = LATEST_PROTOCOL_VERSION) -> ClientRules:
    """The rules of ``protocol_version``; raises ``InvalidArgumentError`` for a major that is not supported."""
    return CLIENT_RULES[check_protocol_version(protocol_version)]
