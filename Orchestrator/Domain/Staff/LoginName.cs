using System.Globalization;
using System.Text;

namespace Orchestrator.Domain.Staff;

/// <summary>
/// The canonical form of a sign-in name: trimmed, lower case, without accents (« Hélène.Caron » → « helene.caron »).
/// Accounts are created under it, and what someone types is brought to it, so a login never depends on case or on
/// whether the keyboard at hand types accents.
/// </summary>
public static class LoginName
{
    /// <summary>The canonical form of <paramref name="typed"/>; empty for null or blank.</summary>
    public static string Canonical(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return "";
        var decomposed = typed.Trim().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) kept.Append(c);
        return kept.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Replace('œ', 'o').Replace('æ', 'a'); // ligatures have no combining form
    }
}
