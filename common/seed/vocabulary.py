"""Words that make seeded gigs read like a marketplace's: services, sub-categories and tags per category.

The category names are the gigs service's fixed list (``gigs_service/gigs/models.py``).
``{adjective}`` in a service is filled in per gig.
"""

from __future__ import annotations

Service = tuple[str, str, tuple[str, ...]]

CATEGORY_SERVICES: dict[str, tuple[Service, ...]] = {
    "Graphics & Design": (
        ("design a {adjective} logo for your brand", "Logo Design", ("logo", "branding", "design")),
        ("create a {adjective} business card design", "Business Cards", ("business card", "print", "design")),
        ("design {adjective} social media posts", "Social Media Design", ("instagram", "social media", "design")),
        ("illustrate a {adjective} book cover", "Book Covers", ("book cover", "illustration", "ebook")),
    ),
    "Digital Marketing": (
        ("do {adjective} SEO for your website", "SEO", ("seo", "google", "ranking")),
        ("manage your {adjective} Facebook ads campaign", "Social Media Ads", ("facebook ads", "marketing", "ads")),
        ("write a {adjective} email marketing campaign", "Email Marketing", ("email", "newsletter", "marketing")),
    ),
    "Writing & Translation": (
        ("write {adjective} SEO blog articles", "Articles & Blog Posts", ("blog", "article", "seo writing")),
        (
            "translate English to Spanish with {adjective} accuracy",
            "Translation",
            ("translation", "spanish", "english"),
        ),
        (
            "proofread and edit your text to a {adjective} standard",
            "Proofreading",
            ("proofreading", "editing", "grammar"),
        ),
    ),
    "Video & Animation": (
        ("edit your {adjective} YouTube videos", "Video Editing", ("video editing", "youtube", "premiere")),
        (
            "create a {adjective} 2D explainer animation",
            "Explainer Videos",
            ("animation", "explainer", "motion graphics"),
        ),
        ("make a {adjective} logo intro animation", "Logo Animation", ("intro", "logo animation", "after effects")),
    ),
    "Music & Audio": (
        ("mix and master your song to a {adjective} sound", "Mixing & Mastering", ("mixing", "mastering", "audio")),
        ("record a {adjective} voice over", "Voice Over", ("voice over", "narration", "audio")),
        ("compose {adjective} background music", "Composing", ("music", "composer", "soundtrack")),
    ),
    "Programming & Tech": (
        ("build a {adjective} Django REST API", "Backend Development", ("django", "python", "api")),
        ("develop a {adjective} React website", "Website Development", ("react", "website", "javascript")),
        ("fix bugs in your {adjective} WordPress site", "WordPress", ("wordpress", "php", "bug fix")),
        ("build a {adjective} mobile app with Flutter", "Mobile Apps", ("flutter", "mobile app", "android")),
    ),
    "Photography": (
        (
            "retouch your photos to a {adjective} finish",
            "Photo Retouching",
            ("photoshop", "retouching", "photo editing"),
        ),
        (
            "remove the background of {adjective} product photos",
            "Product Photography",
            ("product photo", "background removal", "ecommerce"),
        ),
    ),
    "Data": (
        ("clean and analyze your data with {adjective} Python", "Data Analysis", ("data analysis", "python", "pandas")),
        ("build a {adjective} Power BI dashboard", "Data Visualization", ("power bi", "dashboard", "visualization")),
        ("do {adjective} web scraping", "Data Scraping", ("scraping", "python", "data entry")),
    ),
    "Business": (
        ("write a {adjective} business plan", "Business Plans", ("business plan", "startup", "finance")),
        ("be your {adjective} virtual assistant", "Virtual Assistant", ("virtual assistant", "admin", "data entry")),
        ("create a {adjective} pitch deck", "Presentations", ("pitch deck", "powerpoint", "presentation")),
    ),
    "Lifestyle": (
        ("be your {adjective} online fitness coach", "Fitness", ("fitness", "workout", "coach")),
        ("create a {adjective} meal plan", "Nutrition", ("meal plan", "nutrition", "diet")),
        ("give you {adjective} travel planning advice", "Travel", ("travel", "itinerary", "planning")),
    ),
}

SKILLS: dict[str, tuple[str, ...]] = {
    category: tuple(sorted({tag for _, _, tags in services for tag in tags}))
    for category, services in CATEGORY_SERVICES.items()
}

LANGUAGES: tuple[str, ...] = ("English", "Spanish", "French", "German", "Portuguese", "Hindi", "Arabic")

COUNTRIES: tuple[str, ...] = (
    "United States", "India", "Pakistan", "Nigeria", "United Kingdom", "Germany", "Brazil",
    "Philippines", "Ukraine", "Kenya", "Spain", "Canada", "Egypt", "Vietnam", "Peru",
)  # fmt: skip
