using FluentValidation;
using MediatR;

namespace Orchestrator.Application.Messaging;

/// <summary>
/// Registers MediatR 5 by hand (its DI package is not served here): the mediator, every handler and
/// validator of this assembly, and the pipeline — validation outside, unit of work inside.
/// </summary>
public static class ApplicationRegistration
{
    private static readonly Type[] HandlerContracts = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>)];

    /// <summary>Registers the mediator, the pipeline behaviours and every handler and validator of this assembly, all scoped.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<PostCommitNotifications>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        foreach (var type in typeof(ApplicationRegistration).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && HandlerContracts.Contains(i.GetGenericTypeDefinition())))
                services.AddScoped(contract, type);
        return services;
    }
}
