using System.Net;
using Orchestrator.Workflows.Definitions;

namespace Orchestrator.Api;

/// <summary>The landing page: which pathway definitions this installation runs.</summary>
public static class HomePage
{
    public static async Task<IResult> Render(DefinitionStore store, CancellationToken ct)
    {
        var rows = string.Join("", (await store.ListAsync(ct)).Select(d =>
            $"<tr><td>{WebUtility.HtmlEncode(d.Name ?? d.Key)}</td><td><code>{WebUtility.HtmlEncode(d.Key)}</code></td><td>{d.Version}</td><td>{StateLabel(d.State)}</td></tr>"));
        var html = $$"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>Orchestrator — parcours de soins</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .8rem;text-align:left}</style></head>
            <body><h1>Orchestrator</h1><p>Orchestration des parcours : LHSS, LAM, ACT, ESSIP, équipes mobiles.</p>
            <h2>Définitions de parcours</h2>
            <table><thead><tr><th>Nom</th><th>Clé</th><th>Version</th><th>État</th></tr></thead><tbody>{{rows}}</tbody></table>
            <p><a href="/openapi/v1.json">Description OpenAPI de l'API</a></p></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string StateLabel(Workflows.Persistence.DefinitionState state) => state switch
    {
        Workflows.Persistence.DefinitionState.Draft => "Brouillon",
        Workflows.Persistence.DefinitionState.Published => "Publiée",
        _ => "Retirée",
    };
}
