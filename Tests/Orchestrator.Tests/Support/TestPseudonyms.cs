namespace Orchestrator.Tests.Support;

/// <summary>
/// Pseudonyms no other referral of the test run carries: a team may not record two people under one pseudonym, so a test
/// that drew them at random would be refused now and then.
/// </summary>
public static class TestPseudonyms
{
    private static int _last;

    /// <summary><paramref name="initials"/> and the run's next number, e.g. « M. K. 0042 ».</summary>
    public static string Next(string initials) => $"{initials} {Interlocked.Increment(ref _last):D4}";
}
