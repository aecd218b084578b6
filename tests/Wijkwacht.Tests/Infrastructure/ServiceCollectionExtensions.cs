using Microsoft.Extensions.DependencyInjection;

namespace Wijkwacht.Tests.Infrastructure;

internal static class ServiceCollectionExtensions
{
    /// <summary>Wraps the registered singleton of a service, to inject a failure at one of the app's ports.</summary>
    public static void Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        var registration = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(registration);
        services.AddSingleton(sp => decorate((TService)(registration.ImplementationInstance
            ?? registration.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registration.ImplementationType!))));
    }
}
