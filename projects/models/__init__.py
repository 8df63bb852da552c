from .projects import PipelineCaseSetting, Project

__all__ = ["PipelineCaseSetting", "Project"]
