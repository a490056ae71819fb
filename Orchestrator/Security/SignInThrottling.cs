using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Orchestrator.Security;

/// <summary>
/// Throttles password sign-in with ASP.NET Core's rate limiter: a fixed window per client address and one
/// per user name tried (<see cref="SignInOptions"/>), chained so that an attempt needs a permit from both.
/// Spreading guesses over many accounts hits the address limit; spreading them over many addresses hits the
/// account limit. A refused attempt gets a 429 problem in French (the sign-in form: its page with a message)
/// with <c>Retry-After</c>, and is not counted as a wrong password. Other requests are not limited.
/// </summary>
public static class SignInThrottling
{
    private const string AccountItem = "orchestrator:sign-in-account";
    private const string ApiLogin = "/api/auth/login";
    private const string FormLogin = "/connexion";

    /// <summary>Registers the rate limits of the two sign-in routes (<c>/api/auth/login</c>, <c>/connexion</c>), read from <c>Security:SignIn</c>.</summary>
    public static IServiceCollection AddSignInThrottling(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>>((limiter, signIn) =>
        {
            var o = signIn.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + ClientAddress(http), _ => Window(o.PerAddressLimit, o.Window))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + (http.Items[AccountItem] as string ?? ""), _ => Window(o.PerAccountLimit, o.Window))
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Reads the user name of a sign-in attempt (JSON or form; the body stays readable) before the rate limiter runs.</summary>
    public static IApplicationBuilder UseSignInThrottling(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            if (IsSignIn(http.Request)) http.Items[AccountItem] = await ReadUserNameAsync(http.Request);
            await next();
        });
        return app.UseRateLimiter();
    }

    private static bool IsSignIn(HttpRequest request) => HttpMethods.IsPost(request.Method)
        && (request.Path.Equals(ApiLogin, StringComparison.OrdinalIgnoreCase) || request.Path.Equals(FormLogin, StringComparison.OrdinalIgnoreCase));

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async Task<string> ReadUserNameAsync(HttpRequest request)
    {
        try
        {
            if (request.HasFormContentType)
                return Domain.Staff.LoginName.Canonical((await request.ReadFormAsync(request.HttpContext.RequestAborted))["userName"].ToString());
            request.EnableBuffering();
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals("userName", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property
                ? Domain.Staff.LoginName.Canonical(property.Value.GetString()) : "";
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or BadHttpRequestException)
        {
            // Unreadable: the endpoint answers 400; the attempt still counts for the address and for "no name".
            if (request.Body.CanSeek) request.Body.Position = 0;
            return "";
        }
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Request.Path.Equals(FormLogin, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Redirect("/connexion?erreur=limite");
            return;
        }
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Trop de tentatives de connexion",
                Detail = $"Trop de tentatives de connexion depuis cette adresse ou pour cet identifiant ; réessayez dans {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} minute(s).",
            },
        });
    }
}
