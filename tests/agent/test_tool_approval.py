"""Tool approval: ``needs_approval`` pauses the loop before a call runs; resuming runs or denies it."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core.agent import Agent
from ai_sdk_core.generate_text.results import ToolApprovalRequest, ToolOutputDenied, ToolResult
from ai_sdk_core.generate_text.tool_execution import InvalidToolApprovalError
from ai_sdk_core.prompt.messages import (
    AssistantModelMessage,
    ToolApprovalRequestPart,
    ToolApprovalResponse,
    ToolModelMessage,
    message_to_dict,
)
from ai_sdk_core.prompt.validation import validate_message
from ai_sdk_core.spec.errors import InvalidPromptError
from ai_sdk_core.spec.prompt import AssistantMessage as SpecAssistantMessage
from ai_sdk_core.tools import ToolExecutionOptions, dynamic_tool, tool
from tests.agent.conftest import Outcome, Runner, scripted_model, tool_messages

pytestmark = pytest.mark.anyio


class Bank:
    """A tool whose executions are recorded, so a test can tell whether it ran."""

    def __init__(self) -> None:
        self.transfers: list[int] = []

    def transfer(self, amount: int) -> str:
        """Transfer money.

        Args:
            amount: The amount in euros.
        """
        self.transfers.append(amount)
        return f"sent {amount}"


def approval_response(outcome: Outcome, *, approved: bool, reason: str | None = None) -> dict[str, Any]:
    """The caller's answer to every approval request of the run, as a JS-shaped tool message dict."""
    requests = outcome.result.steps[-1].tool_approval_requests
    content = [
        {"type": "tool-approval-response", "approvalId": request.approval_id, "approved": approved, "reason": reason}
        for request in requests
    ]
    return {"role": "tool", "content": content}


def conversation(outcome: Outcome, prompt: str, answer: dict[str, Any]) -> list[Any]:
    """The messages to resume with: the user prompt, what the run generated, the approval answers."""
    return [{"role": "user", "content": prompt}, *outcome.result.response.messages, answer]


async def test_needs_approval_pauses_before_execution(runner: Runner) -> None:
    bank = Bank()
    model = scripted_model([("call-1", "transfer", {"amount": 50})], "unused")
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})

    outcome = await runner.run(agent, prompt="send 50")

    assert bank.transfers == []
    assert len(model.calls) == 1
    step = outcome.steps[0]
    [request] = step.tool_approval_requests
    assert request.tool_call.tool_name == "transfer" and request.tool_call.input == {"amount": 50}
    assert request.approval_id
    assert step.tool_results == [] and step.tool_errors == []
    # The generated assistant message carries the call and the request, so the caller can send it back.
    [assistant] = outcome.result.response.messages
    assert isinstance(assistant, AssistantModelMessage) and not isinstance(assistant.content, str)
    assert [part.type for part in assistant.content] == ["tool-call", "tool-approval-request"]
    approval_part = assistant.content[1]
    assert isinstance(approval_part, ToolApprovalRequestPart)
    assert approval_part.approval_id == request.approval_id and approval_part.tool_call_id == "call-1"
    if runner.kind == "stream":
        types = [part.type for part in outcome.parts]
        assert types.index("tool-call") < types.index("tool-approval-request") < types.index("finish-step")
        assert "tool-result" not in types and "error" not in types
        [streamed] = [part for part in outcome.parts if isinstance(part, ToolApprovalRequest)]
        assert streamed.approval_id == request.approval_id


async def test_resume_approved_runs_the_tool_and_continues(runner: Runner) -> None:
    bank = Bank()
    model = scripted_model([("call-1", "transfer", {"amount": 50})], "Sent 50 euros.")
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})
    paused = await runner.run(agent, prompt="send 50")

    resumed = await runner.run(
        agent, messages=conversation(paused, "send 50", approval_response(paused, approved=True))
    )

    assert bank.transfers == [50]
    assert resumed.result.text == "Sent 50 euros."
    # The model reads the result of the approved call; approval parts never reach it.
    [tool_message] = tool_messages(model.calls[1])
    [result_part] = tool_message.content
    assert result_part.tool_call_id == "call-1"
    assert result_part.output.type == "text" and result_part.output.value == "sent 50"
    assistant_types = [
        part.type
        for message in model.calls[1].prompt
        if isinstance(message, SpecAssistantMessage)
        for part in message.content
    ]
    assert assistant_types == ["tool-call"]
    # The tool message with the result is part of what the resumed run generated.
    generated = resumed.result.response.messages
    assert isinstance(generated[0], ToolModelMessage)
    if runner.kind == "stream":
        types = [part.type for part in resumed.parts]
        assert types[:2] == ["start", "tool-result"]
        assert types.index("tool-result") < types.index("start-step")


async def test_resume_denied_gives_the_model_execution_denied(runner: Runner) -> None:
    bank = Bank()
    model = scripted_model([("call-1", "transfer", {"amount": 5000})], "Understood, no transfer.")
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})
    paused = await runner.run(agent, prompt="send 5000")

    answer = approval_response(paused, approved=False, reason="too much")
    resumed = await runner.run(agent, messages=conversation(paused, "send 5000", answer))

    assert bank.transfers == []
    assert resumed.result.text == "Understood, no transfer."
    [tool_message] = tool_messages(model.calls[1])
    [result_part] = tool_message.content
    assert result_part.output.type == "execution-denied"
    assert result_part.output.reason == "too much"
    if runner.kind == "stream":
        [denied] = [part for part in resumed.parts if isinstance(part, ToolOutputDenied)]
        assert denied.tool_call_id == "call-1" and denied.reason == "too much"


async def test_a_denial_already_answered_in_the_messages_is_reported_not_resent(runner: Runner) -> None:
    # What convert_to_model_messages builds from a UI part in `approval-responded` state with approved=False: the
    # approval response and its execution-denied result in one tool message. The run reports the denial (the
    # UI turns it into tool-output-denied) and sends the model that one result, not a second copy.
    bank = Bank()
    model = scripted_model([("call-1", "transfer", {"amount": 9})], "Fine, nothing sent.")
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})
    paused = await runner.run(agent, prompt="send 9")
    answer = approval_response(paused, approved=False, reason="no")
    answer["content"].append(
        {
            "type": "tool-result",
            "toolCallId": "call-1",
            "toolName": "transfer",
            "output": {"type": "execution-denied", "reason": "no"},
        }
    )
    resumed = await runner.run(agent, messages=conversation(paused, "send 9", answer))

    assert bank.transfers == []
    results = [part for message in tool_messages(model.calls[1]) for part in message.content]
    assert [(part.tool_call_id, part.output.type) for part in results] == [("call-1", "execution-denied")]
    assert resumed.result.response.messages[0].role == "assistant"
    if runner.kind == "stream":
        [denied] = [part for part in resumed.parts if isinstance(part, ToolOutputDenied)]
        assert denied.tool_call_id == "call-1" and denied.reason == "no"


async def test_resume_with_mixed_decisions_and_typed_messages(runner: Runner) -> None:
    bank = Bank()
    model = scripted_model(
        [("call-1", "transfer", {"amount": 10}), ("call-2", "transfer", {"amount": 20})],
        "One sent, one refused.",
    )
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})
    paused = await runner.run(agent, prompt="send both")
    first, second = paused.result.steps[-1].tool_approval_requests

    answer = ToolModelMessage(
        content=[
            ToolApprovalResponse(approval_id=first.approval_id, approved=True),
            ToolApprovalResponse(approval_id=second.approval_id, approved=False),
        ]
    )
    await runner.run(agent, messages=conversation(paused, "send both", message_to_dict(answer)))

    assert bank.transfers == [10]
    [tool_message] = tool_messages(model.calls[1])
    outputs = {part.tool_call_id: part.output.type for part in tool_message.content}
    assert outputs == {"call-1": "text", "call-2": "execution-denied"}


async def test_needs_approval_callable_decides_per_call(runner: Runner) -> None:
    bank = Bank()
    checked: list[Any] = []

    def large(value: Any) -> bool:
        checked.append(value.amount)
        return bool(value.amount > 100)

    model = scripted_model(
        [("call-1", "transfer", {"amount": 30}), ("call-2", "transfer", {"amount": 300})],
        "unused",
    )
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=large)})

    outcome = await runner.run(agent, prompt="two transfers")

    assert checked == [30, 300]
    # The small one ran, the large one waits; a pending approval ends the loop.
    assert bank.transfers == [30]
    step = outcome.steps[-1]
    assert [result.tool_call_id for result in step.tool_results] == ["call-1"]
    assert [request.tool_call.tool_call_id for request in step.tool_approval_requests] == ["call-2"]
    assert len(model.calls) == 1


async def test_async_needs_approval_with_options(runner: Runner) -> None:
    seen: list[str] = []

    async def needs_approval(value: Any, options: ToolExecutionOptions) -> bool:
        seen.append(options.tool_call_id)
        return bool(value["path"].startswith("/etc"))

    deleted: list[str] = []

    def execute(value: Any) -> str:
        deleted.append(value["path"])
        return "deleted"

    delete = dynamic_tool(
        description="Delete a file",
        input_schema={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
        execute=execute,
        needs_approval=needs_approval,
    )
    model = scripted_model([("call-1", "delete", {"path": "/tmp/x"}), ("call-2", "delete", {"path": "/etc/passwd"})])
    agent = Agent(model=model, tools={"delete": delete})

    outcome = await runner.run(agent, prompt="clean up")

    assert seen == ["call-1", "call-2"]
    assert deleted == ["/tmp/x"]
    [request] = outcome.steps[-1].tool_approval_requests
    assert request.tool_call.dynamic and request.tool_call.input == {"path": "/etc/passwd"}


async def test_unknown_approval_id_is_a_typed_error(runner: Runner) -> None:
    bank = Bank()
    model = scripted_model([("call-1", "transfer", {"amount": 1})], "unused")
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})
    paused = await runner.run(agent, prompt="send 1")
    answer = {"role": "tool", "content": [{"type": "tool-approval-response", "approvalId": "nope", "approved": True}]}

    with pytest.raises(InvalidToolApprovalError, match="No tool approval request with id 'nope'") as caught:
        await runner.run(agent, messages=conversation(paused, "send 1", answer))

    assert isinstance(caught.value, InvalidPromptError)
    assert caught.value.approval_id == "nope"
    assert bank.transfers == []


async def test_resuming_twice_never_runs_a_tool_twice(runner: Runner) -> None:
    bank = Bank()
    model = scripted_model([("call-1", "transfer", {"amount": 7})], "Sent.", "Still sent.")
    agent = Agent(model=model, tools={"transfer": tool(bank.transfer, needs_approval=True)})
    paused = await runner.run(agent, prompt="send 7")
    answer = approval_response(paused, approved=True)
    messages = conversation(paused, "send 7", answer)
    resumed = await runner.run(agent, messages=messages)

    # The follow-up keeps the approval answer in the history but also the tool result that answered it.
    follow_up = [*messages, *resumed.result.response.messages, {"role": "user", "content": "and now?"}]
    await runner.run(agent, messages=follow_up)

    assert bank.transfers == [7]


def test_approval_parts_round_trip_through_dicts() -> None:
    assistant = AssistantModelMessage(content=[ToolApprovalRequestPart(approval_id="a-1", tool_call_id="c-1")])
    tool_message = ToolModelMessage(content=[ToolApprovalResponse(approval_id="a-1", approved=False, reason="no")])

    assistant_dict = message_to_dict(assistant)
    tool_dict = message_to_dict(tool_message)

    assert assistant_dict == {
        "role": "assistant",
        "content": [{"type": "tool-approval-request", "approvalId": "a-1", "toolCallId": "c-1"}],
    }
    assert tool_dict == {
        "role": "tool",
        "content": [{"type": "tool-approval-response", "approvalId": "a-1", "approved": False, "reason": "no"}],
    }
    assert validate_message(assistant_dict) == assistant
    assert validate_message(tool_dict) == tool_message


def test_approval_response_without_approved_is_refused() -> None:
    with pytest.raises(InvalidPromptError, match=r"messages\[0\].content\[0\].approved"):
        validate_message({"role": "tool", "content": [{"type": "tool-approval-response", "approvalId": "a"}]})


def test_tool_result_part_type_is_tool_result() -> None:
    # A guard for the stream part names the UI relies on.
    assert ToolApprovalRequest.type == "tool-approval-request"
    assert ToolOutputDenied.type == "tool-output-denied"
    assert ToolResult.type == "tool-result"


async def test_decorator_form_and_false_flag(runner: Runner) -> None:
    ran: list[str] = []

    @tool(needs_approval=True)
    def launch(target: str) -> str:
        """Launch something."""
        ran.append(target)
        return "launched"

    @tool(needs_approval=False)
    def look(target: str) -> str:
        """Look at something."""
        ran.append(f"look {target}")
        return "seen"

    model = scripted_model([("call-1", "look", {"target": "moon"}), ("call-2", "launch", {"target": "moon"})])
    agent = Agent(model=model, tools=[launch, look])

    outcome = await runner.run(agent, prompt="go")

    assert ran == ["look moon"]
    assert [request.tool_call.tool_name for request in outcome.steps[-1].tool_approval_requests] == ["launch"]
