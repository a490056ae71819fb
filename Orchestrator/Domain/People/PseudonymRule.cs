using System.Globalization;
using System.Text;

namespace Orchestrator.Domain.People;

/// <summary>
/// What a pseudonym may be: initials and a number (« J. D. 0042 »), never the person's name. The pseudonym travels where the
/// identity must not — boards, alert mails, handoff proposals, fiches alerte — so a name typed into it would reach all of them
/// (RGPD art. 4(5) and 25: pseudonymised data by design). Both forms that name a new person ask for it the same way, through here.
/// </summary>
public static class PseudonymRule
{
    /// <summary>The longest pseudonym, in characters once trimmed.</summary>
    public const int MaxLength = 40;

    /// <summary>
    /// The reason, in French, <paramref name="pseudonym"/> is refused, or null when it is acceptable: it is required and at most
    /// <see cref="MaxLength"/> characters, holds a number, no run of more than three letters (initials only; three for a compound name, « JPD 12 »), and neither the
    /// <paramref name="lastName"/> nor the <paramref name="firstName"/> when they are known (case and accents ignored).
    /// </summary>
    public static string? Problem(string? pseudonym, string? lastName = null, string? firstName = null)
    {
        if (string.IsNullOrWhiteSpace(pseudonym) || pseudonym.Trim().Length > MaxLength)
            return $"Le pseudonyme est obligatoire ({MaxLength} caractères au plus) : initiales et un numéro, jamais le nom.";
        var folded = Fold(pseudonym);
        var words = Words(folded).ToHashSet();
        var unspaced = folded.Replace(" ", "");
        foreach (var name in new[] { lastName, firstName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Fold(n!)).Where(n => n.Length >= 2))
            if (words.Contains(name) || (name.Length >= 3 && unspaced.Contains(name.Replace(" ", ""), StringComparison.Ordinal)))
                return "Le pseudonyme contient le nom ou le prénom de la personne : seulement ses initiales et un numéro.";
        if (!pseudonym.Any(char.IsAsciiDigit))
            return "Le pseudonyme doit comporter un numéro : initiales et un numéro (par exemple « J. D. 0042 »), jamais le nom.";
        if (LongestLetterRun(folded) > 3)
            return "Le pseudonyme ressemble à un nom : seulement des initiales (trois lettres au plus à la suite) et un numéro.";
        return null;
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> name a person the same way on a list: equal once case, accents,
    /// spaces and punctuation are set aside (« J. D. 0042 », « jd 0042 » and « J.-D. 0042 » are one pseudonym).
    /// </summary>
    public static bool Same(string? a, string? b) => Comparable(a) == Comparable(b);

    private static string Comparable(string? pseudonym) =>
        string.IsNullOrWhiteSpace(pseudonym) ? "" : string.Concat(Fold(pseudonym).Where(char.IsLetterOrDigit));

    private static IEnumerable<string> Words(string folded) => folded.Split([' ', '.', '-', '_', '\'', ',', '/'], StringSplitOptions.RemoveEmptyEntries);

    private static int LongestLetterRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text) longest = Math.Max(longest, run = char.IsLetter(c) ? run + 1 : 0);
        return longest;
    }

    /// <summary>Upper case without accents, so « Hélène » and « HELENE » are the same name.</summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(char.ToUpperInvariant(c));
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
