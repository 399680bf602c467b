namespace AccessSync.Core.Yaml;

/// <summary>The type YAML 1.2's core schema gives a scalar: what <c>42</c>, <c>true</c>, <c>~</c> or <c>NO</c> is read as.</summary>
public enum ScalarType
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}
