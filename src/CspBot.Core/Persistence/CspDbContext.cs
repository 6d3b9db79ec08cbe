using CspBot.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CspBot.Core.Persistence;

/// <summary>
/// The partnership database. Provider-specific subclasses (<see cref="SqliteCspDbContext"/>,
/// <see cref="SqlServerCspDbContext"/>) exist only so each provider has its own migrations.
/// </summary>
public abstract class CspDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Partnership> Partnerships => Set<Partnership>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<StrategicOutcome> Outcomes => Set<StrategicOutcome>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanAction> Actions => Set<PlanAction>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();

    public DbSet<TargetChange> TargetChanges => Set<TargetChange>();

    public DbSet<SpcRebase> SpcRebases => Set<SpcRebase>();

    public DbSet<PoliceSource> PoliceSources => Set<PoliceSource>();

    public DbSet<PoliceCount> PoliceCounts => Set<PoliceCount>();

    public DbSet<PoliceFile> PoliceFiles => Set<PoliceFile>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<PeriodSettings> PeriodSettings => Set<PeriodSettings>();

    public DbSet<Return> Returns => Set<Return>();

    public DbSet<ChangeRecord> ChangeHistory => Set<ChangeRecord>();

    public DbSet<StoredConversation> Conversations => Set<StoredConversation>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();

    public DbSet<Delegation> Delegations => Set<Delegation>();

    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();

    /// <summary>ASP.NET Core's data protection keys (sign-in cookies, antiforgery), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The officer's settings for <paramref name="period"/>, tracked for a change; when the period has none yet, a new
    /// row added to the context (saved with the change).
    /// </summary>
    public async Task<PeriodSettings> SettingsForAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var settings = await PeriodSettings.FirstOrDefaultAsync(s => s.Period == period, cancellationToken);
        if (settings is null)
        {
            settings = new PeriodSettings { Period = period };
            PeriodSettings.Add(settings);
        }

        return settings;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        FreeTextOnSave.Apply(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        FreeTextOnSave.Apply(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<ReportingPeriod>().HaveConversion<ReportingPeriodConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Partnership>(e =>
        {
            e.Property(p => p.TimeZoneId).HasMaxLength(64);
            e.Property(p => p.ProtectiveMarking).HasMaxLength(64).HasDefaultValue(Partnership.DefaultMarking);
            e.Property(p => p.DefaultLanguage).HasConversion(LanguageColumn.Partnership).HasMaxLength(16);
        });

        modelBuilder.Entity<Member>(e =>
        {
            e.HasIndex(m => m.Email).IsUnique();
            e.HasIndex(m => m.TeamsUserId);
            e.Property(m => m.Email).HasMaxLength(254);
            e.Property(m => m.ReachIssue).HasMaxLength(1000);
            e.Property(m => m.GivenName).HasMaxLength(100);
            e.Property(m => m.Language).HasConversion(LanguageColumn.Person).HasMaxLength(2);
        });

        modelBuilder.Entity<StrategicOutcome>(e => e.HasIndex(o => o.Code).IsUnique());
        modelBuilder.Entity<Plan>(e => e.HasIndex(p => p.Name).IsUnique());

        modelBuilder.Entity<PlanAction>(e =>
        {
            e.HasIndex(a => a.Ref).IsUnique();
            e.Property(a => a.Title).HasMaxLength(1000);
            e.HasOne(a => a.Plan).WithMany(p => p.Actions).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.Outcome).WithMany().OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.Owner).WithMany().OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Indicator>(e =>
        {
            e.HasIndex(i => i.Ref).IsUnique();
            e.Property(i => i.Title).HasMaxLength(1000);
            e.HasOne(i => i.Outcome).WithMany().OnDelete(DeleteBehavior.Restrict);
            e.HasOne(i => i.Owner).WithMany().OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<IndicatorValue>(e =>
        {
            e.HasIndex(v => new { v.IndicatorId, v.Period }).IsUnique();
            e.Property(v => v.OverrideReason).HasMaxLength(1000);
            e.Property(v => v.Source).HasMaxLength(1000);
            e.Property(v => v.ComparedWith).HasMaxLength(100);
            e.HasOne(v => v.Indicator).WithMany(i => i.Values).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TargetChange>(e =>
        {
            e.HasIndex(t => new { t.IndicatorId, t.FromPeriod }).IsUnique();
            e.HasOne(t => t.Indicator).WithMany().OnDelete(DeleteBehavior.Cascade);
            e.Property(t => t.Reason).HasMaxLength(1000);
            e.Property(t => t.DecidedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<SpcRebase>(e =>
        {
            e.HasIndex(r => new { r.IndicatorId, r.FromPeriod }).IsUnique();
            e.HasOne(r => r.Indicator).WithMany().OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.Reason).HasMaxLength(1000);
            e.Property(r => r.DecidedBy).HasMaxLength(254);
        });

        modelBuilder.Entity<PoliceSource>(e =>
        {
            e.HasIndex(p => p.IndicatorId).IsUnique();
            e.HasOne(p => p.Indicator).WithMany().OnDelete(DeleteBehavior.Cascade);
            e.Property(p => p.CrimeTypes).HasMaxLength(1000);
            e.Property(p => p.Area).HasMaxLength(4000);
            e.Property(p => p.Peers).HasMaxLength(2000);
            e.Property(p => p.Comparison).HasMaxLength(20);
        });

        modelBuilder.Entity<PoliceCount>(e =>
        {
            e.HasIndex(c => new { c.Month, c.Force });
            e.Property(c => c.Month).HasMaxLength(7);
            e.Property(c => c.Force).HasMaxLength(100);
            e.Property(c => c.Place).HasMaxLength(100);
            e.Property(c => c.CrimeType).HasMaxLength(40);
        });

        modelBuilder.Entity<PoliceFile>(e =>
        {
            e.HasIndex(f => new { f.Month, f.Force }).IsUnique();
            e.Property(f => f.Month).HasMaxLength(7);
            e.Property(f => f.Force).HasMaxLength(100);
        });

        modelBuilder.Entity<Meeting>(e => e.HasIndex(m => new { m.Date, m.Kind }).IsUnique());
        modelBuilder.Entity<PeriodSettings>(e =>
        {
            e.HasIndex(p => p.Period).IsUnique();
            e.Property(p => p.ReportIntroduction).HasMaxLength(Features.Reports.ReportNotes.MaxIntroduction);
            e.Property(p => p.ReportRecommendations).HasMaxLength(Features.Reports.ReportNotes.MaxRecommendations * (Features.Reports.ReportNotes.MaxRecommendation + 1));
            e.Property(p => p.KeyAmbers).HasMaxLength(4000);
        });
        // A key is an XML document of about a kilobyte.
        modelBuilder.Entity<DataProtectionKey>(e => e.Property(k => k.Xml).HasMaxLength(int.MaxValue));
        modelBuilder.Entity<ServerKey>(e =>
        {
            e.HasKey(k => k.Purpose);
            e.Property(k => k.Purpose).HasMaxLength(32);
            e.Property(k => k.Key).HasMaxLength(64);
        });

        modelBuilder.Entity<Return>(e =>
        {
            e.HasIndex(r => new { r.ItemKind, r.ItemRef, r.Period }).IsUnique();
            e.HasIndex(r => r.Period);
            e.Property(r => r.Commentary).HasMaxLength(4000);
            e.Property(r => r.MeasuresToImprove).HasMaxLength(4000);
            e.Property(r => r.Query).HasMaxLength(1000);
            e.Property(r => r.ModerationReason).HasMaxLength(1000);
            e.Property(r => r.Check).HasColumnName("CheckState");
            e.HasIndex(r => new { r.Period, r.Check });
            e.Property(r => r.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<ChangeRecord>(e =>
        {
            e.HasIndex(c => new { c.Entity, c.EntityKey });
            e.Property(c => c.OldValue).HasMaxLength(4000);
            e.Property(c => c.NewValue).HasMaxLength(4000);
        });

        modelBuilder.Entity<StoredConversation>(e =>
        {
            e.HasIndex(c => c.ConversationId).IsUnique();
            e.HasIndex(c => c.MemberId);
            e.HasOne(c => c.Member).WithMany().OnDelete(DeleteBehavior.SetNull);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(o => o.Key).IsUnique();
            e.HasIndex(o => new { o.Status, o.NextAttemptAt });

            // The sender walks pending messages in id order a page at a time: without this each page sorts every due row.
            e.HasIndex(o => new { o.Status, o.Id });

            // Claiming a message bumps Attempts; a concurrent claim of the same message then fails instead of double-sending.
            e.Property(o => o.Attempts).IsConcurrencyToken();
            e.Property(o => o.Payload).HasMaxLength(int.MaxValue);
            e.Property(o => o.LastError).HasMaxLength(2000);
        });

        modelBuilder.Entity<Delegation>(e =>
        {
            e.HasIndex(d => new { d.OwnerId, d.DelegateId }).IsUnique();
            e.HasOne(d => d.Owner).WithMany().OnDelete(DeleteBehavior.Restrict);
            e.HasOne(d => d.Delegate).WithMany().OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ReportSnapshot>(e =>
        {
            e.HasIndex(r => new { r.Period, r.Version }).IsUnique();
            e.Property(r => r.Content).HasMaxLength(int.MaxValue);
            e.Property(r => r.SharePointUrl).HasMaxLength(2000);
            e.Property(r => r.FilingIssue).HasMaxLength(1000);
        });
    }

    private sealed class ReportingPeriodConverter() : ValueConverter<ReportingPeriod, string>(
        period => period.Id,
        text => ReportingPeriod.Parse(text));
}

/// <summary>Languages are stored as their codes ("cy", "en", "bilingual"), readable in the database and the change history.</summary>
internal static class LanguageColumn
{
    public static readonly ValueConverter<Language, string> Person = new(l => l.Code(), code => code == LanguageCodes.Welsh ? Language.Welsh : Language.English);

    public static readonly ValueConverter<PartnershipLanguage, string> Partnership = new(
        l => l.Code(), code => code == LanguageCodes.Welsh ? PartnershipLanguage.Welsh : code == "bilingual" ? PartnershipLanguage.Bilingual : PartnershipLanguage.English);
}
