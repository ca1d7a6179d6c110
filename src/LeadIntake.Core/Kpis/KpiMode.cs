namespace LeadIntake.Core.Kpis;

/// <summary>How a month's figures count (docs/kpis.md, "Counting modes").</summary>
public enum KpiMode
{
    /// <summary>Events that happened in the month: volumes, LVR, CPL, CAC.</summary>
    Period,
    /// <summary>What became of the leads captured in the month, within a fixed window: conversion, transformation.</summary>
    Cohort,
}
