using Orchestrator.Domain.People;

namespace Orchestrator.Tests.People;

/// <summary>A pseudonym is initials and a number, never the person's name.</summary>
public sealed class PseudonymRuleTests
{
    [Theory]
    [InlineData("J. D. 0042")]
    [InlineData("JD42")]
    [InlineData("M-A. 7")]
    [InlineData("T. 0311")]
    [InlineData("JPD 12")]
    public void Initials_and_a_number_are_a_pseudonym(string pseudonym) => Assert.Null(PseudonymRule.Problem(pseudonym, "Durand", "Jean"));

    [Theory]
    [InlineData("Durand 12", "Durand", "Jean")]
    [InlineData("J. DURAND 12", "Durand", "Jean")]
    [InlineData("jean d. 12", "Durand", "Jean")]
    [InlineData("Hélène B. 3", "Bernard", "Helene")]
    [InlineData("LI 7", "Li", "Wei")]
    public void A_pseudonym_holding_the_persons_name_is_refused_whatever_its_case_and_accents(string pseudonym, string last, string first) =>
        Assert.Equal("Le pseudonyme contient le nom ou le prénom de la personne : seulement ses initiales et un numéro.", PseudonymRule.Problem(pseudonym, last, first));

    [Fact]
    public void A_name_typed_where_no_identity_is_known_is_refused_as_looking_like_one()
    {
        // A fiche alerte names no identity: the shape of the pseudonym is all there is to check.
        Assert.Equal("Le pseudonyme ressemble à un nom : seulement des initiales (trois lettres au plus à la suite) et un numéro.", PseudonymRule.Problem("Dupont 12"));
        Assert.StartsWith("Le pseudonyme doit comporter un numéro", PseudonymRule.Problem("J. D."));
        Assert.StartsWith("Le pseudonyme est obligatoire", PseudonymRule.Problem("  "));
        Assert.StartsWith("Le pseudonyme est obligatoire", PseudonymRule.Problem("J. D. " + new string('1', 40)));
    }
}
