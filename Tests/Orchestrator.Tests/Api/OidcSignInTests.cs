using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

public sealed class OidcSignInTests(ApiApp app) : IClassFixture<ApiApp>
{
    private WebApplicationFactory<Program> WithProvider() => app.WithWebHostBuilder(b => b
        .UseSetting("Authentication:OpenIdConnect:Authority", "https://idp.exemple.fr")
        .UseSetting("Authentication:OpenIdConnect:ClientId", "orchestrator")
        .UseSetting("Authentication:OpenIdConnect:DisplayName", "Pro Santé Connect")
        // The provider's metadata, given here instead of fetched: the tests run without network.
        .ConfigureServices(s => s.PostConfigure<OpenIdConnectOptions>(OidcSignIn.Scheme, o => o.ConfigurationManager =
            new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
            {
                Issuer = "https://idp.exemple.fr",
                AuthorizationEndpoint = "https://idp.exemple.fr/authorize",
                TokenEndpoint = "https://idp.exemple.fr/token",
            }))));

    [Fact]
    public async Task With_a_provider_configured_the_sign_in_page_offers_it_and_the_challenge_goes_there_with_pkce()
    {
        using var factory = WithProvider();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("Se connecter avec Pro Santé Connect", await client.GetStringAsync("/connexion"));

        var challenge = await client.GetAsync("/connexion/oidc");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith("https://idp.exemple.fr/authorize?", location);
        Assert.Contains("client_id=orchestrator", location);
        Assert.Contains("code_challenge=", location);
    }

    [Fact]
    public async Task A_provider_identity_gets_in_only_through_an_active_account_with_the_same_email()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var member = await db.Staff.FindAsync(app.Accounts["doctor"].Id);
        member!.Email = "Docteur.Martin@exemple.fr";
        await db.SaveChangesAsync();

        static ClaimsPrincipal Claims(string email) => new(new ClaimsIdentity([new Claim("email", email), new Claim("email_verified", "true", ClaimValueTypes.Boolean)], "oidc"));
        Assert.Equal(member.Id, (await OidcSignIn.MatchAsync(db, Claims("docteur.martin@exemple.fr"), default))?.Id);
        Assert.Null(await OidcSignIn.MatchAsync(db, Claims("inconnu@exemple.fr"), default));
        member.Active = false;
        await db.SaveChangesAsync();
        Assert.Null(await OidcSignIn.MatchAsync(db, Claims("docteur.martin@exemple.fr"), default));
        member.Active = true;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_email_the_provider_does_not_say_it_verified_signs_nobody_in_nor_does_a_user_name()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var member = await db.Staff.FindAsync(app.Accounts["director"].Id);
        member!.Email = "direction@exemple.fr";
        await db.SaveChangesAsync();

        static ClaimsPrincipal Claims(params Claim[] claims) => new(new ClaimsIdentity(claims, "oidc"));
        // Anyone can type the director's address into a profile of many providers: without the provider's word, no match.
        Assert.Null(await OidcSignIn.MatchAsync(db, Claims(new Claim("email", "direction@exemple.fr")), default));
        Assert.Null(await OidcSignIn.MatchAsync(db, Claims(new Claim("email", "direction@exemple.fr"), new Claim("email_verified", "false", ClaimValueTypes.Boolean)), default));
        Assert.Null(await OidcSignIn.MatchAsync(db, Claims(new Claim("preferred_username", "direction@exemple.fr")), default));
        Assert.Equal(member.Id, (await OidcSignIn.MatchAsync(db, Claims(new Claim("email", "direction@exemple.fr"), new Claim("email_verified", "true", ClaimValueTypes.Boolean)), default))?.Id);
        // An organisation's directory that sends no email_verified claim: the administrator vouches for its addresses.
        Assert.Equal(member.Id, (await OidcSignIn.MatchAsync(db, Claims(new Claim("email", "Direction@Exemple.fr")), default, emailsAreVerified: true))?.Id);
    }

    [Fact]
    public async Task Without_a_provider_the_sign_in_page_offers_local_accounts_only()
    {
        var html = await app.CreateClient().GetStringAsync("/connexion");
        Assert.DoesNotContain("Se connecter avec", html);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/connexion/oidc")).StatusCode);
    }
}
