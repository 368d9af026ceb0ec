"""The JSON API (django-ninja) with its OpenAPI document: the integration point for provincial systems."""
