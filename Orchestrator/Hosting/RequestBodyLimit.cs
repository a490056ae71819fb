using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Hosting;

/// <summary>
/// One size limit on request bodies (<c>Orchestrator:MaxRequestBodySize</c>, bytes, 4 MiB by default: a
/// large BPMN definition is a few hundred kilobytes). A body announced larger is refused at once with a
/// 413 problem, before anything reads it; one that turns out larger while being read (no
/// <c>Content-Length</c>) is stopped at the same limit, by Kestrel or else by <see cref="LimitedBody"/>,
/// and mapped to the same 413 by <see cref="Api.ProblemMapping"/>.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>The default limit: 4 MiB, in bytes.</summary>
    public const long DefaultBytes = 4 * 1024 * 1024;

    /// <summary>The configured limit in bytes (<c>Orchestrator:MaxRequestBodySize</c>), else <see cref="DefaultBytes"/>.</summary>
    public static long Bytes(IConfiguration configuration) => configuration.GetValue<long?>("Orchestrator:MaxRequestBodySize") ?? DefaultBytes;

    /// <summary>Holds every request body to <paramref name="limit"/> bytes; an announced larger body is answered 413 without being read.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long limit) => app.Use(async (http, next) =>
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        else if (http.Request.ContentLength is null) http.Request.Body = new LimitedBody(http.Request.Body, limit);
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = TooLarge(limit),
            });
            return;
        }
        await next();
    });

    /// <summary>The 413 problem, in French, naming <paramref name="limit"/> in KiB.</summary>
    public static ProblemDetails TooLarge(long limit) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Requête trop volumineuse",
        Detail = $"Le contenu envoyé dépasse la taille maximale acceptée ({limit / 1024} Kio).",
    };

    /// <summary>A request body that fails like Kestrel's (a 413 <see cref="BadHttpRequestException"/>) once more than its limit is read.</summary>
    private sealed class LimitedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
