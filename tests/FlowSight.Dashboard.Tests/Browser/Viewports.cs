using Microsoft.Playwright;

namespace FlowSight.Dashboard.Tests.Browser;

/// <summary>The screen sizes the dashboard must work at (issue 8: 1280×800 and a phone).</summary>
internal static class Viewports
{
    /// <summary>A laptop screen.</summary>
    public static ViewportSize Desktop => new() { Width = 1280, Height = 800 };

    /// <summary>A phone in portrait (iPhone 12–15 size, CSS pixels).</summary>
    public static ViewportSize Phone => new() { Width = 390, Height = 844 };
}
