using Bogus;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Demo;

/// <summary>Structures of every type in the Nord (59) and the Pas-de-Calais (62), their sites and their staff, with French names.</summary>
internal static class DemoDirectory
{
    public const string DemoPassword = "demo";

    private static readonly (string Department, string[] Cities)[] Territories =
    [
        ("59", ["Lille", "Roubaix", "Tourcoing", "Dunkerque", "Valenciennes", "Maubeuge", "Douai"]),
        ("62", ["Arras", "Lens", "Calais", "Boulogne-sur-Mer", "Béthune", "Saint-Omer", "Liévin"]),
    ];

    private static readonly string[] Operators = ["Association Abej Solidarité", "Fondation de l'Armée du Salut", "Association Magdala", "Groupe SOS Solidarités",
        "Association Vers l'Autre", "La Sauvegarde du Nord", "Association Cedragir", "Fondation Diaconesses", "Association Accueil et Relais"];

    /// <summary>
    /// Creates the directory: in each département, <paramref name="pathwayStructures"/> structures of each type that runs a pathway
    /// and one of each other type, with sites, staff and the well-known demo accounts on the first LHSS of the Nord.
    /// </summary>
    public static async Task<List<Structure>> CreateAsync(OrchestratorDbContext db, Faker faker, int pathwayStructures = 2)
    {
        var structures = new List<Structure>();
        var template = new StaffMember { UserName = "template", DisplayName = "template" };
        var hash = LocalAccounts.Hash(template, DemoPassword); // one hash for every demo account: PBKDF2 per account would cost seconds
        var userNames = new HashSet<string>();
        foreach (var (department, cities) in Territories)
            foreach (var type in Enum.GetValues<DeviceType>())
            {
                var count = type.RunsPathways() ? pathwayStructures : 1;
                for (var i = 0; i < count; i++)
                {
                    var city = faker.PickRandom(cities);
                    var structure = new Structure
                    {
                        Name = $"{type.Label()} {faker.PickRandom(Operators).Split(' ', 2)[1]} — {city}", Type = type, Department = department, City = city,
                        Email = $"contact.{type.ToString().ToLowerInvariant()}{department}{i}@exemple.fr",
                    };
                    var sites = type is DeviceType.Lhss or DeviceType.Lam ? faker.Random.Int(1, 2) : 1;
                    for (var s = 0; s < sites; s++)
                        structure.Sites.Add(new Site { Name = s == 0 ? "Site principal" : $"Site de {faker.PickRandom(cities)}", City = city, Capacity = faker.Random.Int(8, 25) });
                    db.Structures.Add(structure);
                    structures.Add(structure);
                    var roles = type.RunsPathways()
                        ? new[] { StaffRole.Director, StaffRole.Doctor, StaffRole.Nurse, StaffRole.SocialWorker, StaffRole.SocialWorker, StaffRole.Coordinator, StaffRole.Referent }
                        : [StaffRole.Director, StaffRole.SocialWorker];
                    foreach (var role in roles) db.Staff.Add(Member(faker, role, structure.Id, hash, userNames));
                }
            }
        // « Un chez-soi d'abord » teams include a psychiatrist, who gives the binding opinion (CASF D312-154-1).
        foreach (var ucsd in structures.Where(s => s.Type == DeviceType.ActChezSoiDabord))
            db.Staff.Add(Member(faker, StaffRole.Psychiatrist, ucsd.Id, hash, userNames));
        db.Staff.Add(Named("admin", "Administrateur régional", StaffRole.Administrator, null, hash));
        db.Staff.Add(Named("ars", "Observatoire ARS Hauts-de-France", StaffRole.RegionalViewer, null, hash));
        // Well-known accounts on the first LHSS of the Nord, so a newcomer can sign in at once.
        var lhss = structures.First(s => s.Type == DeviceType.Lhss && s.Department == "59");
        db.Staff.Add(Named("coordinateur", "Camille Lefebvre", StaffRole.Coordinator, lhss.Id, hash));
        db.Staff.Add(Named("referent", "Sophie Dubois", StaffRole.Referent, lhss.Id, hash));
        db.Staff.Add(Named("medecin", "Dr Antoine Mercier", StaffRole.Doctor, lhss.Id, hash));
        db.Staff.Add(Named("directeur", "Hélène Caron", StaffRole.Director, lhss.Id, hash));
        await db.SaveChangesAsync();
        return structures;
    }

    private static StaffMember Member(Faker faker, StaffRole role, Guid structureId, string hash, HashSet<string> userNames)
    {
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var userName = LoginName.Canonical($"{first}.{last}").Replace(' ', '-');
        for (var n = 2; !userNames.Add(userName); n++) userName = LoginName.Canonical($"{first}.{last}{n}").Replace(' ', '-');
        var prefix = role is StaffRole.Doctor or StaffRole.Psychiatrist ? "Dr " : "";
        return new StaffMember { UserName = userName, DisplayName = $"{prefix}{first} {last}", Role = role, StructureId = structureId, PasswordHash = hash,
            Email = $"{userName}@exemple.fr" };
    }

    private static StaffMember Named(string userName, string displayName, StaffRole role, Guid? structureId, string hash) =>
        new() { UserName = userName, DisplayName = displayName, Role = role, StructureId = structureId, PasswordHash = hash, Email = $"{userName}@exemple.fr" };
}
