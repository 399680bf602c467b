namespace AccessSync.Core.Model;

/// <summary>What a matching policy does. The dashboard calls deny "Block" and non_identity "Service Auth".</summary>
public enum Decision
{
    Allow,
    Deny,
    NonIdentity,
    Bypass,
}
