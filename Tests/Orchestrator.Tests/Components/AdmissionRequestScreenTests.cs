using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Components.Pages;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Components;

/// <summary>The admission request form offers only the referrers the device accepts and says in French what the law requires.</summary>
public sealed class AdmissionRequestScreenTests
{
    [Fact]
    public async Task A_lam_coordinator_is_offered_only_a_doctor_and_is_told_the_social_evaluation_is_required_before_the_request_is_saved()
    {
        await using var h = await PathwayHarness.CreateAsync();
        await using var context = ComponentHarness.Context(h, h.Staff(DeviceType.Lam, StaffRole.Coordinator));

        var page = context.Render<AdmissionRequest>();
        page.WaitForAssertion(() => page.Find("[data-testid=admission-submit]"));
        page.Find("input[data-testid=admission-pseudonym]").Input("L. A. 0101");
        Assert.Contains("Médecin", page.Find("[data-testid=admission-referrer-type]").ParentElement!.ParentElement!.TextContent); // the only lawful referrer, chosen
        await page.Find("[data-testid=admission-submit]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("évaluation de la situation sociale", page.Markup));
        await using (var scope = h.Services.CreateAsyncScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AnyAsync());

        page.Find("input[data-testid=admission-social-evaluation]").Change(true);
        await page.Find("[data-testid=admission-submit]").ClickAsync(new());

        var navigation = context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Contains("/personnes/", navigation.Uri));
        await using var check = h.Services.CreateAsyncScope();
        var episode = await check.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.SingleAsync();
        Assert.Equal((DeviceType.Lam, ReferrerType.Doctor, true), (episode.DeviceType, episode.ReferrerType, episode.ReferralSocialEvaluation));
    }

    [Fact]
    public void Each_device_offers_the_referrers_the_law_names_for_it()
    {
        Assert.Equal([ReferrerType.Doctor, ReferrerType.DirectoryStructure], ReferralRules.AllowedReferrers(DeviceType.Lam));
        Assert.DoesNotContain(ReferrerType.Siao, ReferralRules.AllowedReferrers(DeviceType.Lhss));
        Assert.Contains(ReferrerType.SiaoWithHealthProfessional, ReferralRules.AllowedReferrers(DeviceType.Lhss));
    }
}
