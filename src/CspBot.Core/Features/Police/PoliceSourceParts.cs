using CspBot.Core.Domain;

namespace CspBot.Core.Features.Police;

/// <summary>
/// A police source as its readers use it: its ";"-lists split once, whether its area is LSOA codes, and whether it is
/// compared with its force (else London). The figures, the monthly chart and the comparisons all read it so.
/// </summary>
public sealed record PoliceSourceParts(IReadOnlyList<string> CrimeTypes, IReadOnlyList<string> Area, IReadOnlyList<string> Peers, bool ComparedWithForce)
{
    /// <summary>The area is LSOA codes (every one of them), not local authorities.</summary>
    public bool ByLsoa => Area.Count > 0 && Area.All(PoliceData.IsLsoaCode);

    public static PoliceSourceParts Of(PoliceSource source) => new(
        PoliceData.List(source.CrimeTypes),
        PoliceData.List(source.Area),
        PoliceData.List(source.Peers),
        string.Equals(source.Comparison, PoliceData.ForceComparison, StringComparison.OrdinalIgnoreCase));
}
