using System.Xml.Linq;
using Orchestrator.Workflows.Validation;
using static Orchestrator.Workflows.Parsing.BpmnNamespaces;

namespace Orchestrator.Workflows.Parsing;

internal sealed partial class ProcessReader
{
    /// <summary>Every element BPMN 2.0's semantic schema (Semantic.xsd) declares; a name outside it is a slip, not BPMN.</summary>
    private static readonly HashSet<string> BpmnElements = new(StringComparer.Ordinal)
    {
        "activationCondition", "activity", "adHocSubProcess", "artifact", "assignment", "association", "auditing", "baseElement", "baseElementWithMixedContent", "boundaryEvent", "businessRuleTask", "callActivity", "callChoreography", "callConversation", "callableElement", "cancelEventDefinition", "catchEvent", "category", "categoryValue", "categoryValueRef", "childLaneSet", "choreography", "choreographyActivity", "choreographyRef", "choreographyTask", "collaboration", "compensateEventDefinition", "completionCondition", "complexBehaviorDefinition", "complexGateway", "condition", "conditionExpression", "conditionalEventDefinition", "conversation", "conversationAssociation", "conversationLink", "conversationNode", "correlationKey", "correlationProperty", "correlationPropertyBinding", "correlationPropertyRef", "correlationPropertyRetrievalExpression", "correlationSubscription", "dataAssociation", "dataInput", "dataInputAssociation", "dataInputRefs", "dataObject", "dataObjectReference", "dataOutput", "dataOutputAssociation", "dataOutputRefs", "dataPath", "dataState", "dataStore", "dataStoreReference", "documentation", "endEvent", "endPoint", "endPointRef", "error", "errorEventDefinition", "errorRef", "escalation", "escalationEventDefinition", "event", "eventBasedGateway", "eventDefinition", "eventDefinitionRef", "exclusiveGateway", "expression", "extension", "extensionElements", "flowElement", "flowNode", "flowNodeRef", "formalExpression", "from", "gateway", "globalBusinessRuleTask", "globalChoreographyTask", "globalConversation", "globalManualTask", "globalScriptTask", "globalTask", "globalUserTask", "group", "humanPerformer", "implicitThrowEvent", "inMessageRef", "inclusiveGateway", "incoming", "innerParticipantRef", "inputDataItem", "inputSet", "inputSetRefs", "interface", "interfaceRef", "intermediateCatchEvent", "intermediateThrowEvent", "ioBinding", "ioSpecification", "itemDefinition", "lane", "laneSet", "linkEventDefinition", "loopCardinality", "loopCharacteristics", "loopCondition", "loopDataInputRef", "loopDataOutputRef", "manualTask", "message", "messageEventDefinition", "messageFlow", "messageFlowAssociation", "messageFlowRef", "messagePath", "monitoring", "multiInstanceLoopCharacteristics", "operation", "operationRef", "optionalInputRefs", "optionalOutputRefs", "outMessageRef", "outerParticipantRef", "outgoing", "outputDataItem", "outputSet", "outputSetRefs", "parallelGateway", "participant", "participantAssociation", "participantMultiplicity", "participantRef", "partitionElement", "partnerEntity", "partnerRole", "performer", "potentialOwner", "process", "property", "receiveTask", "relationship", "rendering", "resource", "resourceAssignmentExpression", "resourceParameter", "resourceParameterBinding", "resourceRef", "resourceRole", "rootElement", "script", "scriptTask", "sendTask", "sequenceFlow", "serviceTask", "signal", "signalEventDefinition", "source", "sourceRef", "standardLoopCharacteristics", "startEvent", "subChoreography", "subConversation", "subProcess", "supportedInterfaceRef", "supports", "target", "targetRef", "task", "terminateEventDefinition", "text", "textAnnotation", "throwEvent", "timeCycle", "timeDate", "timeDuration", "timerEventDefinition", "to", "transaction", "transformation", "userTask", "whileExecutingInputRefs", "whileExecutingOutputRefs", 
    };

    /// <summary>What a sequence flow may hold (tSequenceFlow, with tBaseElement's and tFlowElement's children).</summary>
    private static readonly HashSet<string> SequenceFlowChildren = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "auditing", "monitoring", "categoryValueRef", "conditionExpression",
    };

    /// <summary>Elements whose content is text or anything (an expression, a script, documentation, extensions): not walked.</summary>
    private static readonly HashSet<string> OpaqueElements = new(StringComparer.Ordinal)
    {
        "extensionElements", "documentation", "text", "script", "conditionExpression", "condition", "timeDate", "timeDuration", "timeCycle",
        "loopCardinality", "completionCondition", "loopCondition", "activationCondition", "formalExpression", "expression", "from", "to",
        "transformation", "dataPath", "messagePath",
    };

    /// <summary>
    /// What the reader would otherwise pass over without a word, and run as if it were not written: an element of the process that is
    /// not BPMN (a misspelt <c>multiInstanceLoopCharacteristic</c> leaves one task where three were meant; an element in another
    /// namespace outside <c>extensionElements</c>), a sequence flow's child other than its condition (a <c>bpmn:condition</c>, the
    /// conditional event's element, makes the flow always taken), and an attribute written with the BPMN prefix
    /// (<c>bpmn:default</c>, <c>bpmn:cancelActivity="false"</c>), which the schema does not define: BPMN's own are unqualified.
    /// Two BPMN elements the engine does not run are refused as well: an <c>eventDefinitionRef</c> (an error end event pointing at a
    /// shared definition would end as a plain end) and a performer (<c>potentialOwner</c>: a restriction of who may do the task that
    /// would be dropped; here that is <c>orc:role</c>). So are Camunda 7's data mappings (<c>camunda:in</c>, <c>camunda:out</c>,
    /// <c>camunda:inputOutput</c>), which would silently map nothing.
    /// </summary>
    private void CheckVocabulary()
    {
        var pending = new Stack<XElement>([process]);
        while (pending.TryPop(out var xml))
        {
            // Said of the element that holds it (the flow, the task), at the line of what is not read.
            var owner = xml.AncestorsAndSelf().FirstOrDefault(a => a.Attribute("id") is not null) ?? xml;
            void NotRead(XElement at, string reason) => ProblemAt(owner.Name.LocalName, (string?)owner.Attribute("id"), BpmnParser.LineOf(at), reason);
            foreach (var attribute in xml.Attributes().Where(a => a.Name.Namespace == Bpmn))
                NotRead(xml, ReasonText.Format(Reasons.BpmnPrefixedAttribute, attribute.Name.LocalName, xml.Name.LocalName));
            // Camunda 7's data mappings are not the engine's: left unread, a call would give and take back other variables than
            // they say (the engine reads Camunda's loop attributes, which mean what its own do, and nothing else of Camunda's).
            if (xml.Name == Bpmn + "extensionElements" && !timers.Stored)
                foreach (var mapping in xml.Elements().Where(e => e.Name.Namespace == Camunda && e.Name.LocalName is "in" or "out" or "inputOutput"))
                    NotRead(mapping, ReasonText.Format(Reasons.CamundaMappingNotRead, mapping.Name.LocalName));
            if (OpaqueElements.Contains(xml.Name.LocalName) && xml.Name.Namespace == Bpmn) continue;
            foreach (var child in xml.Elements())
            {
                if (child.Name.Namespace != Bpmn)
                    NotRead(child, ReasonText.Format(Reasons.NotBpmnElement, child.Name.LocalName, xml.Name.LocalName));
                else if (!BpmnElements.Contains(child.Name.LocalName))
                    NotRead(child, ReasonText.Format(Reasons.UnknownBpmnElement, child.Name.LocalName, xml.Name.LocalName));
                else if (child.Name.LocalName == "eventDefinitionRef")
                    NotRead(child, Reasons.EventDefinitionRefNotRead);
                else if (child.Name.LocalName is "potentialOwner" or "humanPerformer" or "performer")
                    NotRead(child, ReasonText.Format(Reasons.PerformerNotRead, child.Name.LocalName));
                else if (xml.Name == Bpmn + "sequenceFlow" && !SequenceFlowChildren.Contains(child.Name.LocalName))
                    NotRead(child, ReasonText.Format(Reasons.SequenceFlowChild, child.Name.LocalName));
                else pending.Push(child);
            }
        }
    }
}
