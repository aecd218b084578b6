global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using Wijkwacht.Tests.Infrastructure;
global using Xunit;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
