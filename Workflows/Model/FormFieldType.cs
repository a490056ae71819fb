namespace Orchestrator.Workflows.Model;

public enum FormFieldType
{
    Text,
    Number,
    Boolean,
    Date,
    Choice,
}
