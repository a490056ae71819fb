using System.Xml.Linq;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Validation;
using static Orchestrator.Workflows.Parsing.BpmnNamespaces;

namespace Orchestrator.Workflows.Parsing;

internal sealed partial class ProcessReader
{
    /// <summary>
    /// Reads <c>multiInstanceLoopCharacteristics</c> (BPMN 2.0 §10.2.8): either a collection (<c>orc:collection</c>, or
    /// <c>camunda:collection</c> in files from Camunda 7) with its element variable, or a <c>loopCardinality</c>; an optional
    /// boolean <c>completionCondition</c>; an optional output (<c>orc:outputCollection</c> with <c>orc:outputElement</c>).
    /// The specification's data-input references (<c>loopDataInputRef</c>) depend on data objects the engine does not run,
    /// so they are refused rather than ignored.
    /// </summary>
    private MultiInstanceLoop? ReadLoop(XElement xml, FlowElement element)
    {
        var problems = 0;
        void Refuse(string reason)
        {
            problems++;
            Problem(xml, element.Id, reason);
        }
        if (!element.IsActivity || element.TriggeredByEvent)
        {
            Refuse(ReasonText.Format(Reasons.NotMultiInstance, ReasonText.Element(element)));
            return null;
        }
        CheckOrcAttributes(xml, element.Id, LoopAttributes);
        string? Attribute(string name) => ((string?)xml.Attribute(Orc + name) ?? (string?)xml.Attribute(Camunda + name))?.Trim() is { Length: > 0 } value ? value : null;
        // Both spellings, saying different things: one would be dropped without a word.
        foreach (var name in LoopAttributes.Where(n => xml.Attribute(Orc + n) is { } mine && xml.Attribute(Camunda + n) is { } theirs && mine.Value.Trim() != theirs.Value.Trim()))
            Refuse(ReasonText.Format(Reasons.LoopAttributeTwice, name));
        var collection = Attribute("collection");
        var elementVariable = Attribute("elementVariable");
        // One of each, as the schema allows; a second would be dropped, and an empty (or commented-out) completion condition be none.
        foreach (var part in new[] { "loopCardinality", "completionCondition" }.Where(p => Second(xml, p) is not null))
            Refuse(ReasonText.Format(Reasons.WrittenTwice, part));
        var cardinality = xml.Element(Bpmn + "loopCardinality")?.Value.Trim() is { Length: > 0 } c ? c : null;
        var completion = xml.Element(Bpmn + "completionCondition")?.Value.Trim() is { Length: > 0 } cc ? cc : null;
        if (xml.Element(Bpmn + "completionCondition") is not null && completion is null)
            Refuse(ReasonText.Format(Reasons.CompletionConditionEmpty));
        var outputCollection = Attribute("outputCollection");
        var outputElement = Attribute("outputElement");
        if (xml.Element(Bpmn + "loopDataInputRef") is not null || xml.Element(Bpmn + "inputDataItem") is not null)
            Refuse(ReasonText.Format(Reasons.LoopDataInput));
        else if ((collection is null) == (cardinality is null))
            Refuse(collection is null
                ? ReasonText.Format(Reasons.LoopNeedsCollection)
                : Reasons.LoopNotBoth);
        if (collection is not null && !ExpressionEvaluator.IsExpression(collection))
        {
            if (VariableName().IsMatch(collection)) collection = "${" + collection + "}"; // Camunda 7 also accepts a bare variable name
            else Refuse(ReasonText.Format(Reasons.CollectionBad, collection));
        }
        if (elementVariable is not null && (collection is null || !VariableName().IsMatch(elementVariable)))
            Refuse(collection is null
                ? Reasons.ElementVariableWithoutCollection
                : ReasonText.Format(Reasons.ElementVariableBad, elementVariable));
        if (elementVariable is not null && MultiInstanceLoop.BuiltInVariables.Contains(elementVariable))
            Refuse(ReasonText.Format(Reasons.ElementVariableBuiltIn, elementVariable));
        if ((outputCollection is null) != (outputElement is null))
            Refuse(ReasonText.Format(Reasons.OutputGoTogether));
        if (outputCollection is not null && !VariableName().IsMatch(outputCollection))
            Refuse(ReasonText.Format(Reasons.OutputCollectionBad, outputCollection));
        foreach (var (what, name) in new[] { ("orc:elementVariable", elementVariable), ("orc:outputCollection", outputCollection) })
            if (name is not null && ReservedNames.Contains(name)) Refuse(ReasonText.Format(Reasons.Labelled, what, ReservedNames.Refusal(name)));
        foreach (var (what, text) in new[] { ("orc:collection", collection), ("loopCardinality", cardinality), ("orc:outputElement", outputElement) })
            if (text is not null && ExpressionEvaluator.IsExpression(text) && ExpressionEvaluator.Check(text) is { } reason) Refuse(ReasonText.Format(Reasons.Labelled, what, reason));
        if (cardinality is not null && !ExpressionEvaluator.IsExpression(cardinality) && !(int.TryParse(cardinality, out var n) && n >= 0))
            Refuse(ReasonText.Format(Reasons.CardinalityBad, cardinality));
        if (outputElement is not null && !ExpressionEvaluator.IsExpression(outputElement))
            Refuse(ReasonText.Format(Reasons.OutputElementBad, outputElement));
        if (completion is not null && ConditionExpression.Check(completion) is { } condition) Refuse(ReasonText.Format(Reasons.Labelled, Reasons.Subject_completionCondition, condition));
        var sequential = Flag(xml, element.Id, "isSequential", absent: false);
        return problems > 0 ? null : new MultiInstanceLoop(sequential, cardinality, collection, elementVariable, completion, outputCollection, outputElement, BpmnParser.LineOf(xml));
    }
}
