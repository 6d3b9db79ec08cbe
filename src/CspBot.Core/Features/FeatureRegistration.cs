using CspBot.Core.Cards;
using CspBot.Core.Features.Calendar;
using CspBot.Core.Features.Channel;
using CspBot.Core.Features.Checking;
using CspBot.Core.Features.Conversation;
using CspBot.Core.Features.Decisions;
using CspBot.Core.Features.Deadlines;
using CspBot.Core.Features.Delegations;
using CspBot.Core.Features.Digest;
using CspBot.Core.Features.Graph;
using CspBot.Core.Features.Import;
using CspBot.Core.Features.Localisation;
using CspBot.Core.Features.Messaging;
using CspBot.Core.Features.Reminders;
using CspBot.Core.Features.Reports;
using CspBot.Core.Features.Returns;
using CspBot.Core.Features.Scorecard;
using CspBot.Core.Features.Status;
using CspBot.Core.Features.Variation;
using CspBot.Core.Persistence;
using CspBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CspBot.Core.Features;

public static class FeatureRegistration
{
    /// <summary>Registers every feature's services and bot commands.</summary>
    public static IServiceCollection AddPartnershipFeatures(this IServiceCollection services)
    {
        services.AddImport();
        services.AddDeadlines();

        // Conversation and messaging
        services.AddScoped<MemberDirectory>();
        services.AddScoped<CommandRouter>();
        services.AddScoped<ConversationBook>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxSender>();
        services.AddSingleton<SendThrottle>();
        services.AddSingleton<OutboxTurn>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.RequestsPerSecond > 0 && o.MaxConcurrency > 0 && o.BatchSize > 0, "Outbox:RequestsPerSecond, MaxConcurrency and BatchSize must be positive")
            .Validate(o => o.MaxWait * 2 < o.ClaimTimeout, "Outbox:MaxWait must be under half of Outbox:ClaimTimeout, or a claim could expire while a message waits")
            .ValidateOnStart();

        // Returns, reminders, reporting
        services.AddScoped<ReportingCycle>();
        services.AddScoped<OwedItems>();
        services.AddScoped<ItemHistory>();
        services.AddScoped<MemberItems>();
        services.AddScoped<DelegationRules>();
        services.AddScoped<ReturnService>();
        services.AddScoped<ReturnChangeNotice>();
        services.AddScoped<ReturnChecks>();
        services.AddScoped<CheckRun>();
        services.AddScoped<CheckJob>();
        services.AddScoped<ICardAction, CheckCardActions>();
        services.AddScoped<TargetChanges>();
        services.AddScoped<NewActions>();
        services.AddScoped<MemberSearch>();
        services.AddScoped<ICardAction, DecisionCardActions>();
        services.AddScoped<ICardAction, ReturnCardActions>();
        services.AddScoped<ICardAction, ReportLinkAction>();
        services.AddScoped<ICardAction, ScorecardAction>();
        services.AddScoped<LatestScorecard>();
        services.AddScoped<CardActionRouter>();
        services.AddSingleton<ReportLinks>();
        services.AddScoped<DirectMessages>();
        services.AddSingleton<ServerKeyRing>();
        services.AddSingleton<CardSeal>();
        services.AddScoped<OwnerReminders>();
        services.AddScoped<PersonalLanguage>();
        services.AddScoped<ReminderRun>();
        services.AddSingleton<DistributedLocks>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<PeriodResultsBuilder>();
        services.AddScoped<IndicatorSpc>();
        services.AddScoped<SpcRebases>();
        services.AddScoped<ReturnForms>();
        services.AddSingleton<PeriodResultsCache>();
        services.AddScoped<PartnershipChannel>();
        services.AddScoped<TeamsLifecycle>();
        services.AddScoped<ReportCompiler>();
        services.AddScoped<ReportSignOff>();
        services.AddScoped<ICardAction, SignOffCardAction>();
        services.AddScoped<ExceptionReportJob>();
        services.AddScoped<ReportFiling>();
        services.AddScoped<ReportFilingJob>();
        services.AddScoped<WeeklyDigest>();
        services.AddScoped<DigestJob>();
        services.AddOptions<PublicLinks>().BindConfiguration(PublicLinks.Section);

        // The command table, in the order the help card lists it.
        services.AddScoped<IBotCommand, HelpCommand>();
        services.AddScoped<IBotCommand, MyActionsCommand>();
        services.AddScoped<IBotCommand, UpdateCommand>();
        services.AddScoped<IBotCommand, ScorecardCommand>();
        services.AddScoped<IBotCommand, LanguageCommand>();
        services.AddScoped<CycleStatusReader>();
        services.AddScoped<PeriodClosing>();
        services.AddScoped<DelegationChanges>();
        services.AddScoped<MeetingCalendar>();
        services.AddScoped<Chaser>();
        services.AddScoped<DeadlineOverrides>();
        services.AddScoped<IBotCommand, StatusCommand>();
        services.AddScoped<IBotCommand, ChaseCommand>();
        services.AddScoped<IBotCommand, CheckCommand>();
        services.AddScoped<IBotCommand, CompileReportCommand>();
        services.AddScoped<IBotCommand, SignOffCommand>();
        services.AddScoped<IBotCommand, DecisionsCommand>();
        services.AddScoped<IBotCommand, UseThisChannelCommand>();
        services.AddGraphFeatures();
        return services;
    }
}
