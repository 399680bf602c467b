namespace AccessSync.Core.Live;

/// <summary>A live object that files may name instead of giving its id: an Access group, a service token or an identity provider.</summary>
public sealed record NamedObject(string Id, string Name);
