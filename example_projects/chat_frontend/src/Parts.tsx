// One component per kind of UI message part. Tool parts show their input and, once there is one, their output or
// error; reasoning is collapsible (open while it streams); sources are links.
import { getToolName, isToolUIPart, type DynamicToolUIPart, type ToolUIPart, type UIMessage } from "ai";

type Part = UIMessage["parts"][number];

function formatJson(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function ToolCall({ part }: { part: ToolUIPart | DynamicToolUIPart }) {
  const name = getToolName(part);
  const finished = part.state === "output-available" || part.state === "output-error";
  return (
    <div className="tool" data-testid="tool" data-tool={name} data-state={part.state}>
      <div className="tool-header">
        <span className="tool-name">{name}</span>
        <span className="tool-state">{part.state}</span>
      </div>
      {part.input !== undefined && (
        <div className="tool-section">
          <div className="label">Input</div>
          <pre data-testid="tool-input">{formatJson(part.input)}</pre>
        </div>
      )}
      {part.state === "output-available" && (
        <div className="tool-section">
          <div className="label">Output</div>
          <pre data-testid="tool-output">{formatJson(part.output)}</pre>
        </div>
      )}
      {part.state === "output-error" && (
        <div className="tool-section">
          <div className="label">Error</div>
          <pre data-testid="tool-error" className="tool-error">
            {part.errorText}
          </pre>
        </div>
      )}
      {part.state === "output-denied" && <div className="tool-section">Not approved.</div>}
      {!finished && part.state !== "output-denied" && <div className="tool-section pending">Running…</div>}
    </div>
  );
}

export function MessagePart({ part }: { part: Part }) {
  if (isToolUIPart(part)) return <ToolCall part={part} />;
  switch (part.type) {
    case "text":
      return (
        <div className="text" data-testid="text">
          {part.text}
        </div>
      );
    case "reasoning":
      return (
        <details className="reasoning" data-testid="reasoning" open={part.state === "streaming"}>
          <summary>Reasoning</summary>
          <div className="reasoning-text">{part.text}</div>
        </details>
      );
    case "source-url":
      return (
        <div className="source" data-testid="source">
          Source:{" "}
          <a href={part.url} target="_blank" rel="noreferrer noopener">
            {part.title || part.url}
          </a>
        </div>
      );
    case "source-document":
      return (
        <div className="source" data-testid="source">
          Source: {part.title} {part.filename ? `(${part.filename})` : ""}
        </div>
      );
    case "file":
      return part.mediaType.startsWith("image/") ? (
        <img className="file" src={part.url} alt={part.filename ?? "generated image"} />
      ) : (
        <a className="file" href={part.url} download={part.filename}>
          {part.filename ?? part.mediaType}
        </a>
      );
    default:
      // step-start marks a new model call, data-* parts are app-specific: nothing to show for either.
      return null;
  }
}
