using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Security;

namespace Orchestrator.Tests.Security;

public sealed class KeyProtectionTests
{
    private static readonly XElement Secret = XElement.Parse("<descriptor><masterKey><value>c2VjcmV0IGtleSBtYXRlcmlhbA==</value></masterKey></descriptor>");

    private static AesGcmXmlDecryptor DecryptorWith(KeyEncryptionKey key) =>
        new(new ServiceCollection().AddSingleton(key).BuildServiceProvider());

    [Fact]
    public void A_key_is_written_encrypted_and_read_back_with_the_same_key_encryption_key()
    {
        var key = new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32));
        var encrypted = new AesGcmXmlEncryptor(key).Encrypt(Secret);

        Assert.Equal(typeof(AesGcmXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0IGtleSBtYXRlcmlhbA", encrypted.EncryptedElement.ToString());
        Assert.Equal(Secret.ToString(), DecryptorWith(key).Decrypt(encrypted.EncryptedElement).ToString());
    }

    [Fact]
    public void A_key_encrypted_under_another_key_encryption_key_is_refused_with_both_named()
    {
        var encrypted = new AesGcmXmlEncryptor(new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32))).Encrypt(Secret);

        var error = Assert.Throws<CryptographicException>(() =>
            DecryptorWith(new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32))).Decrypt(encrypted.EncryptedElement));
        Assert.Contains("not with the configured one", error.Message);
    }

    [Fact]
    public void A_tampered_key_is_refused()
    {
        var key = new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32));
        var encrypted = new AesGcmXmlEncryptor(key).Encrypt(Secret).EncryptedElement;
        var value = encrypted.Element(XName.Get("value", "urn:orchestrator:data-protection"))!;
        var bytes = Convert.FromBase64String(value.Value);
        bytes[0] ^= 1;
        value.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => DecryptorWith(key).Decrypt(encrypted));
    }
}
