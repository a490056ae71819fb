namespace Orchestrator.Hosting;

/// <summary>
/// Headers that tell the browser what the pages may do, on every answer.
/// The content security policy is what the app's pages actually load: scripts only from this site
/// (<c>blazor.web.js</c>, MudBlazor's and the bpmn-js designer's bundles; none inline, no <c>eval</c>),
/// styles from this site plus inline ones (MudBlazor and bpmn-js set <c>style</c> attributes and
/// elements), fonts and images also as <c>data:</c> URIs (bpmn-js's icon font, its SVG images) and
/// <c>blob:</c> (a diagram downloaded as SVG), connections only back to this site (Blazor's WebSocket is
/// same-origin). No page may be framed (<c>frame-ancestors 'none'</c>, and <c>X-Frame-Options</c> for
/// older browsers), no plugin runs, forms post only here, and no address leaks in a Referer header
/// sent to another site, not even its origin (the calendar feed's address carries a secret).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The <c>Content-Security-Policy</c> header sent on every answer.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the security headers described on the class to every answer, just before it starts.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next();
    });
}
