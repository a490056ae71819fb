namespace Orchestrator.Browser.Tests.Support;

/// <summary>One app and one browser for all journeys: starting Chromium is the slow part.</summary>
[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;
