namespace Orchestrator.Workflows.Model;

/// <summary>The kind of value an <c>orc:field</c> takes: free text, a number, yes/no, an ISO 8601 date, or one of its listed values.</summary>
public enum FormFieldType
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A number.</summary>
    Number,
    /// <summary>Yes or no.</summary>
    Boolean,
    /// <summary>An ISO 8601 date.</summary>
    Date,
    /// <summary>One of the field's listed values.</summary>
    Choice,
}
