namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// A boolean attribute as XML Schema defines <c>xsd:boolean</c>, the type of BPMN's <c>cancelActivity</c>, <c>isInterrupting</c>,
/// <c>isSequential</c>, <c>triggeredByEvent</c>, <c>isExecutable</c>…: <c>true</c>, <c>false</c>, <c>1</c> or <c>0</c>, spaces around
/// ignored. Read as "anything but the text false", <c>cancelActivity="0"</c> would interrupt the care it was drawn to leave running.
/// </summary>
public static class XsdBoolean
{
    /// <summary>Reads <paramref name="text"/>; false when it is not an <c>xsd:boolean</c> (absent included).</summary>
    public static bool TryParse(string? text, out bool value)
    {
        switch (text?.Trim())
        {
            case "true" or "1": value = true; return true;
            case "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>Whether <paramref name="text"/> is an <c>xsd:boolean</c> saying false (<c>false</c> or <c>0</c>).</summary>
    public static bool IsFalse(string? text) => TryParse(text, out var value) && !value;
}
