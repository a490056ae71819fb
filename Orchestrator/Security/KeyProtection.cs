using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Orchestrator.Hosting;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// The data-protection key ring (what signs and encrypts session cookies and antiforgery tokens) lives in
/// the database, so that every instance of the app shares it and a restart signs nobody out; each key is
/// encrypted before it is written, with a key-encryption key that never lives in the database:
/// <list type="bullet">
/// <item><c>DataProtection:CertificatePath</c> (+ <c>CertificatePassword</c>): a PKCS#12 certificate, ASP.NET
/// Core's own certificate encryptor — for deployments whose secrets are managed as certificates;</item>
/// <item>else <c>DataProtection:KeyEncryptionKey</c>: 32 random bytes in base64 (an environment variable or a
/// secret store), used with AES-256-GCM;</item>
/// <item>else a key of 32 random bytes generated on first start into <c>DataProtection:KeyEncryptionKeyFile</c>
/// (default <c>keys/key-encryption.key</c> in the data directory, readable by its owner only), so that a
/// copy of the database alone (a backup, a PostgreSQL dump) never reveals the keys.</item>
/// </list>
/// </summary>
public static class KeyProtection
{
    /// <summary>Keeps the data-protection key ring in the database, each key encrypted with the key-encryption key chosen as above.</summary>
    /// <exception cref="InvalidOperationException"><c>DataProtection:KeyEncryptionKey</c> is not 32 bytes in base64.</exception>
    public static IServiceCollection AddProtectedKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("Orchestrator")
            .PersistKeysToDbContext<OrchestratorDbContext>();
        var section = configuration.GetSection("DataProtection");
        if (section["CertificatePath"] is { Length: > 0 } certificatePath)
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, section["CertificatePassword"]));
            return services;
        }
        var key = section["KeyEncryptionKey"] is { Length: > 0 } configured
            ? Decode(configured)
            : LoadOrCreate(section["KeyEncryptionKeyFile"] ?? Path.Combine(OrchestratorPaths.DataDirectory(configuration, environment), "keys", "key-encryption.key"));
        var encryptionKey = new KeyEncryptionKey(key);
        services.AddSingleton(encryptionKey);
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(encryptionKey));
        return services;
    }

    private static byte[] Decode(string base64)
    {
        byte[] key;
        try { key = Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException("DataProtection:KeyEncryptionKey must be 32 random bytes in base64 (openssl rand -base64 32)."); }
        return key.Length == 32 ? key : throw new InvalidOperationException($"DataProtection:KeyEncryptionKey must be 32 bytes, not {key.Length}.");
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Decode(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, options)) file.Write(Convert.ToBase64String(key));
        return key;
    }
}

/// <summary>The 32-byte AES key that encrypts the data-protection keys at rest.</summary>
public sealed class KeyEncryptionKey(byte[] bytes)
{
    internal byte[] Bytes { get; } = bytes.Length == 32 ? bytes : throw new ArgumentException("32 bytes", nameof(bytes));

    /// <summary>Names the key without revealing it, so that a key ring written with another key is reported as such.</summary>
    internal string Id { get; } = Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 8));
}

/// <summary>Encrypts a data-protection key's XML with AES-256-GCM; the result names <see cref="AesGcmXmlDecryptor"/>.</summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal static readonly XNamespace Ns = "urn:orchestrator:data-protection";

    /// <summary>Encrypts <paramref name="plaintextElement"/> with a fresh nonce, naming the key-encryption key it used.</summary>
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key.Bytes, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(Ns + "encryptedKey",
            new XAttribute("keyEncryptionKey", key.Id),
            new XComment(" This key is encrypted with AES-256-GCM under the configured key-encryption key. "),
            new XElement(Ns + "nonce", Convert.ToBase64String(nonce)),
            new XElement(Ns + "tag", Convert.ToBase64String(tag)),
            new XElement(Ns + "value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote; created by the data-protection system with the app's services.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <summary>Decrypts <paramref name="encryptedElement"/>.</summary>
    /// <exception cref="InvalidOperationException">No key-encryption key is configured.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The element was encrypted with another key-encryption key, or was altered.</exception>
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>()
            ?? throw new InvalidOperationException("The data-protection keys are encrypted, but no key-encryption key is configured.");
        var ns = AesGcmXmlEncryptor.Ns;
        if ((string?)encryptedElement.Attribute("keyEncryptionKey") is { } id && id != key.Id)
            throw new CryptographicException($"This data-protection key was encrypted with key-encryption key {id}, not with the configured one ({key.Id}).");
        var nonce = Convert.FromBase64String(encryptedElement.Element(ns + "nonce")!.Value);
        var tag = Convert.FromBase64String(encryptedElement.Element(ns + "tag")!.Value);
        var cipher = Convert.FromBase64String(encryptedElement.Element(ns + "value")!.Value);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key.Bytes, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        try { return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain)); }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }
}
