using AccessSync.Core.Planning;

namespace AccessSync.Core.Rendering;

/// <summary>Turns a plan into text for people or machines. The same plan gives the same text, to the byte, with "\n" line ends.</summary>
public interface IPlanRenderer
{
    string Render(Plan plan);
}
