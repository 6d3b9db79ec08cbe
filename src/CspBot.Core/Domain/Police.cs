namespace CspBot.Core.Domain;

/// <summary>
/// Where a police-fed indicator's figures come from: the crime types of the police street-level data it counts, the
/// partnership's area (local authority names matched against the LSOA name, or LSOA codes), the comparison area
/// (London or the force) and the Most Similar Group's local authorities.
/// </summary>
public sealed class PoliceSource
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator Indicator { get; set; } = null!;

    /// <summary>Published crime types, ";"-separated ("Burglary;Robbery").</summary>
    public required string CrimeTypes { get; set; }

    /// <summary>Local authority names or LSOA codes, ";"-separated ("Haringey", or "E01001000;E01001001").</summary>
    public required string Area { get; set; }

    /// <summary>"London" (every London borough and the City) or "force" (every row of the partnership's force).</summary>
    public required string Comparison { get; set; }

    /// <summary>The Most Similar Group's local authorities, ";"-separated; empty for none.</summary>
    public string Peers { get; set; } = string.Empty;
}

/// <summary>
/// One month's count of one crime type in one place, from one force's street-level file: per local authority (Place is
/// its name) and, for LSOAs that an indicator names, per LSOA (Place is the code). A re-upload of the month replaces them.
/// </summary>
public sealed class PoliceCount
{
    public long Id { get; set; }

    /// <summary>"2025-09", as the files write it.</summary>
    public required string Month { get; set; }

    /// <summary>The force whose file it came from ("Falls within").</summary>
    public required string Force { get; set; }

    public required string Place { get; set; }

    public bool IsLsoa { get; set; }

    public required string CrimeType { get; set; }

    public int Count { get; set; }
}

/// <summary>A street-level file that was counted: which month and force, how many rows, and the malformed ones.</summary>
public sealed class PoliceFile
{
    public int Id { get; set; }

    public required string Month { get; set; }

    public required string Force { get; set; }

    public required string FileName { get; set; }

    public int Rows { get; set; }

    public int Malformed { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
