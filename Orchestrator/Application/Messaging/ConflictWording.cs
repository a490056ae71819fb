using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Messaging;

/// <summary>
/// What a person reads when the engine refused a step as a conflict, in French: the one wording the API's 409 problem details
/// and the screens give (the engine's own message is English and stays in the log).
/// </summary>
public static class ConflictWording
{
    /// <summary>The French sentence for <paramref name="conflict"/>; it always says that nothing was saved.</summary>
    public static string French(WorkflowConflictException conflict) => conflict.Conflict switch
    {
        WorkflowConflict.TaskNotOpen => "Cette tâche a déjà été traitée, par quelqu'un d'autre ou par une échéance du parcours ; rien n'a été enregistré. Rechargez pour voir l'état actuel.",
        WorkflowConflict.InstanceEnded => "Ce parcours est déjà terminé ; rien n'a été enregistré.",
        WorkflowConflict.ConcurrentChange => "Quelqu'un a modifié ce parcours au même moment et sa modification l'a emporté ; rien n'a été enregistré. Réessayez après avoir rechargé.",
        WorkflowConflict.IncidentResolved => "Cet incident est déjà résolu ; rien n'a été enregistré.",
        _ => "Cette action n'est plus possible dans l'état actuel du parcours ; rien n'a été enregistré. Rechargez pour voir l'état actuel.",
    };
}

/// <summary>
/// What a person reads when the engine has no such definition, draft, instance, task or incident, in French: the one wording the API's
/// 404 problem details and the screens give (the engine's message is English and stays in the log).
/// </summary>
public static class NotFoundWording
{
    /// <summary>The French sentence for <paramref name="missing"/>, naming the definition key where there is one.</summary>
    public static string French(WorkflowNotFoundException missing) => missing.Subject switch
    {
        MissingSubject.Definition when !Guid.TryParse(missing.Key, out _) => $"Aucune version publiée du parcours « {missing.Key} ».",
        MissingSubject.Definition => "Cette version de définition de parcours n'existe pas.",
        MissingSubject.Draft => $"Le parcours « {missing.Key} » n'a pas de brouillon à publier.",
        MissingSubject.Instance => "Cette instance de parcours n'existe pas (ou plus).",
        MissingSubject.Task => "Cette tâche n'existe pas (ou plus).",
        MissingSubject.Incident => "Cet incident n'existe pas.",
        _ => "Introuvable.",
    };
}

/// <summary>
/// What a person reads when the pathway could not go on with what they did (a task answer, a declared interruption): the step
/// failed on an element of the definition and was rolled back. In French, naming the element; the engine's English reason stays
/// on the incident the administrator reads, and in the log.
/// </summary>
public static class StepFailureWording
{
    /// <summary>The French sentence for <paramref name="failure"/>; it says that nothing was saved and that an administrator is told.</summary>
    public static string French(StepFailedException failure) =>
        $"Le parcours ne peut pas continuer après cette action : l'étape « {failure.ElementId} » de sa définition a échoué. Rien n'a été enregistré ; " +
        "un incident est ouvert pour l'administrateur des parcours, qui en voit la cause. Vous pourrez recommencer une fois la définition corrigée.";
}
