"""An example Django project: a chat page over ``django_ai_sdk``."""
