using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// Conditional events (BPMN 2.0 §10.5.4): an intermediate catch or boundary event that occurs when its condition becomes
/// true. The condition is looked at when the event is armed (already true, it occurs before anything else moves, as when
/// its activity is entered) and after each element a step runs, so a value a task, a message or an activity wrote is seen
/// before the tokens go on. An interrupting boundary and an intermediate catch occur once; a non-interrupting boundary occurs each
/// time the condition goes from false to true while its activity runs, not at every step it stays true. A condition
/// that cannot be decided (a variable that does not exist, a value that is not a boolean) fails the step naming the event.
/// </summary>
internal sealed partial class InstanceExecution
{
    private void AddConditionBookmark(Token token, FlowElement element, bool held)
    {
        var bookmark = AddBookmark(token, element, BookmarkKind.Message);
        bookmark.MessageName = WellKnownMessages.ConditionPrefix + element.Id;
        bookmark.CorrelationKey = held ? "true" : "false";
    }

    private bool? _hasConditionalEvents;

    /// <summary>Makes the first conditional event whose condition became true occur; false when none did.</summary>
    private bool OccurTrueConditions()
    {
        _hasConditionalEvents ??= Model.DocumentOrder.Any(e => e.Trigger == EventTrigger.Conditional);
        if (_hasConditionalEvents == false) return false;
        foreach (var bookmark in Bookmarks.Where(b => b.MessageName?.StartsWith(WellKnownMessages.ConditionPrefix, StringComparison.Ordinal) == true).ToList())
        {
            if (!Bookmarks.Contains(bookmark) || State.Find(bookmark.TokenId) is not { } token) continue;
            var element = Model[bookmark.ElementId];
            bool holds;
            // A conditional event waits for its condition to become true: an operand that holds nothing yet (a level not yet
            // assessed, null) means « not yet » where the answer depends on it, not a failure, whether it is tested, compared
            // (« score > 8 ») or checked for equality (« urgent !== true »); a text where a boolean is meant, or a property the
            // object does not have, still is one.
            try
            {
                var variables = VariablesFor(token);
                holds = Expressions.StrictConditions.Decide(() => ConditionExpression.Evaluate(element.EventCondition!, variables)) == true;
            }
            catch (ExpressionException e)
            {
                throw new StepFailedException("condition", element.BpmnType, element.Id,
                    $"the condition {element.EventCondition} cannot be decided: {e.Reason}", e);
            }
            var held = bookmark.CorrelationKey == "true";
            bookmark.CorrelationKey = holds ? "true" : "false";
            if (!holds || held) continue;
            OccurCondition(bookmark, token, element);
            return true;
        }
        return false;
    }

    private void OccurCondition(BookmarkRecord bookmark, Token token, FlowElement element)
    {
        RemoveBookmark(bookmark);
        if (element.Kind == ElementKind.BoundaryEvent)
        {
            if (element.CancelActivity) CancelToken(token);
            else AddConditionBookmark(token, element, held: true);
            FireBoundary(element, token.ScopeId);
            return;
        }
        if (Model[token.ElementId].Kind == ElementKind.EventBasedGateway)
        {
            TakeGatewayEvent(token, element);
            return;
        }
        RemoveBookmarksOf(token, cancelTasks: true);
        History(element, HistoryEvent.Completed);
        Leave(token, element);
    }
}
