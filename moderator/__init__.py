"""moderator: viewpoint-neutral moderation and public-records archiving of an agency's comments."""

__version__ = "0.1.0"
