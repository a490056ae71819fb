using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Handoffs;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Definitions;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// A proposal stands only while its pathway waits for the answer: once the waiting step is cancelled with its scope (an interrupting
/// timer here; an error, a terminate end or a loop's completion alike), the proposal is closed and no structure can accept it.
/// </summary>
public sealed class WithdrawnProposalTests
{
    /// <summary>An orientation proposed to an ACT, given up after two days without an answer.</summary>
    private const string Orientation = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0"
                          id="Definitions_orientation" targetNamespace="urn:orchestrator:tests">
          <bpmn:process id="orientation" name="Orientation" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="propose" name="Proposer à un ACT" orc:activity="ProposeHandoff">
              <bpmn:extensionElements><orc:input name="targetType" value="ACT" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:boundaryEvent id="givenUp" attachedToRef="propose"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:endEvent id="answered" /><bpmn:endEvent id="abandoned" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="propose" />
            <bpmn:sequenceFlow id="f2" sourceRef="propose" targetRef="answered" />
            <bpmn:sequenceFlow id="f3" sourceRef="givenUp" targetRef="abandoned" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_proposal_whose_waiting_step_was_cancelled_is_closed_and_an_acceptance_is_refused_without_opening_an_admission()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.Services.GetRequiredService<DefinitionStore>().DeployAsync(Orientation);
        await h.Engine.StartAsync("orientation", businessKey: episode.ToString());
        await h.DrainAsync();
        var proposal = Assert.Single(await h.HandoffsAsync(episode));
        Assert.Equal(HandoffState.Proposed, proposal.State);

        await h.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(HandoffState.Expired, Assert.Single(await h.HandoffsAsync(episode)).State);
        await Assert.ThrowsAsync<Domain.DomainException>(() => h.SendAsync(new AnswerHandoffCommand(proposal.Id, true, null), h.Staff(DeviceType.Act, StaffRole.Director)));
        var person = (await h.EpisodeAsync(episode)).PersonId;
        Assert.DoesNotContain(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Act);
    }
}
