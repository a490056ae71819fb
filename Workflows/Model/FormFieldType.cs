namespace Orchestrator.Workflows.Model;

/// <summary>The kind of value an <c>orc:field</c> takes: free text, a number, yes/no, an ISO 8601 date, or one of its listed values.</summary>
public enum FormFieldType
{
    Text,
    Number,
    Boolean,
    Date,
    Choice,
}
