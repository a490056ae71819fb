namespace Orchestrator.Domain.Structures;

/// <summary>How device types map to pathway definitions, FINESS categories, French labels and handoff targets.</summary>
public static class DeviceCatalog
{
    private static readonly Dictionary<DeviceType, (string? Definition, string Label, string? Finess)> Entries = new()
    {
        [DeviceType.Lhss] = ("lhss", "LHSS", "180"),
        [DeviceType.Lam] = ("lam", "LAM", "213"),
        [DeviceType.Act] = ("act", "ACT", "165"),
        [DeviceType.ActHorsLesMurs] = ("act-hlm", "ACT hors les murs", "165"),
        [DeviceType.ActChezSoiDabord] = ("act-ucsd", "ACT Un chez-soi d'abord", "165"),
        [DeviceType.Essip] = ("essip", "ESSIP", "608"),
        [DeviceType.Emsp] = ("emsp", "LHSS mobile / EMSP", "608"),
        [DeviceType.ComplexSituationCoordination] = ("complex-alert", "Coordination des situations complexes", "606"),
        [DeviceType.Chrs] = (null, "CHRS", "214"),
        [DeviceType.PensionDeFamille] = (null, "Pension de famille", "258"),
        [DeviceType.SocialHousing] = (null, "Logement", null),
        [DeviceType.Hospital] = (null, "Hôpital", null),
        [DeviceType.Ehpad] = (null, "EHPAD", null),
        [DeviceType.Ssiad] = (null, "SSIAD", "354"),
        [DeviceType.Had] = (null, "HAD", "127"),
        [DeviceType.Pass] = (null, "PASS", null),
        [DeviceType.Cmp] = (null, "CMP", "156"),
        [DeviceType.Csapa] = (null, "CSAPA", "197"),
        [DeviceType.Siao] = (null, "SIAO", null),
    };

    /// <summary>The destination values the definitions' forms use, and the device that receives each.</summary>
    private static readonly Dictionary<string, DeviceType> HandoffTargets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LHSS"] = DeviceType.Lhss, ["LAM"] = DeviceType.Lam, ["ACT"] = DeviceType.Act,
        ["ACT-hors-les-murs"] = DeviceType.ActHorsLesMurs, ["ESSIP"] = DeviceType.Essip,
        ["CHRS"] = DeviceType.Chrs, ["pension-de-famille"] = DeviceType.PensionDeFamille, ["logement"] = DeviceType.SocialHousing,
        ["hopital"] = DeviceType.Hospital, ["EHPAD"] = DeviceType.Ehpad, ["SSIAD"] = DeviceType.Ssiad, ["HAD"] = DeviceType.Had,
        ["PASS"] = DeviceType.Pass, ["CMP"] = DeviceType.Cmp, ["CSAPA"] = DeviceType.Csapa, ["SIAO"] = DeviceType.Siao,
    };

    /// <summary>The key of the pathway definition <paramref name="type"/> runs (<c>lhss</c>, <c>act-ucsd</c>…); null for a downstream partner that runs none.</summary>
    public static string? DefinitionKey(this DeviceType type) => Entries[type].Definition;

    /// <summary>The French label of <paramref name="type"/> (« LHSS », « Pension de famille »…).</summary>
    public static string Label(this DeviceType type) => Entries[type].Label;

    /// <summary>
    /// Reads a device as a person or a client names it: its code (<c>Lhss</c>, <c>ActChezSoiDabord</c>) or its label as the
    /// screens show it (« LHSS », « ACT Un chez-soi d'abord »), without regard to case, accents or surrounding spaces.
    /// </summary>
    /// <returns>False when <paramref name="text"/> names no device.</returns>
    public static bool TryParse(string? text, out DeviceType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var wanted = Comparable(text);
        foreach (var (candidate, entry) in Entries)
            if (Comparable(candidate.ToString()) == wanted || Comparable(entry.Label) == wanted)
            {
                type = candidate;
                return true;
            }
        return false;
    }

    /// <summary>Every device's label, in the catalogue's order, to tell a client what it may ask for.</summary>
    public static IEnumerable<string> Labels => Entries.Values.Select(e => e.Label);

    // The same folding as a typed sign-in name: trimmed, lower case, without accents.
    private static string Comparable(string text) => Staff.LoginName.Canonical(text);

    /// <summary>The FINESS category code of <paramref name="type"/> (180 for LHSS, 165 for ACT…); null when it has none of its own.</summary>
    public static string? FinessCategory(this DeviceType type) => Entries[type].Finess;

    /// <summary>Whether structures of <paramref name="type"/> run a pathway definition (the others only receive handoffs).</summary>
    public static bool RunsPathways(this DeviceType type) => Entries[type].Definition is not null;

    /// <summary>
    /// The device a definition's handoff destination value names (<c>LHSS</c>, <c>pension-de-famille</c>, <c>hopital</c>…, any case);
    /// null for a destination outside the directory.
    /// </summary>
    public static DeviceType? HandoffTarget(string destination) =>
        HandoffTargets.TryGetValue(destination, out var type) ? type : null;
}
